import type { DefaultSession } from "next-auth";

import type { Role } from "@/lib/auth/actor";

// The fields Watchfloor adds to next-auth's user, session and token.
declare module "next-auth" {
  interface User {
    role?: Role;
  }

  interface Session {
    user: { id: string; email: string; name: string | null; role: Role } & Omit<DefaultSession["user"], "email" | "name">;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
