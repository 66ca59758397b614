import type { ApiToken } from "@/lib/generated/prisma/client";

import type { Role } from "./actor";
import { toRole } from "./user-summary";

/** An API token as lists show it; the token itself is shown only once, when it is created. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The token's first 8 characters, for example `wf_Q3x9a`. */
  prefix: string;
  role: Role;
  createdById: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function toApiTokenSummary(token: ApiToken): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: toRole(token.role),
    createdById: token.createdById,
    createdAt: token.createdAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}
