"use client";

import { createContext, type ReactNode, useContext } from "react";

import type { Role } from "@/lib/auth/actor";
import { hasPermission, type Permission } from "@/lib/auth/permissions";

const ViewerRole = createContext<Role | null>(null);

/** Makes the signed-in user's role known to client components, which hide the actions it does not allow. */
export function ViewerProvider({ role, children }: { role: Role | null; children: ReactNode }) {
  return <ViewerRole.Provider value={role}>{children}</ViewerRole.Provider>;
}

/** Returns the signed-in user's role and whether it grants a permission. The server checks every request again. */
export function useViewerPermission(permission: Permission): { role: Role | null; allowed: boolean } {
  const role = useContext(ViewerRole);
  return { role, allowed: role !== null && hasPermission(role, permission) };
}
