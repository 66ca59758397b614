import { userInfo } from "node:os";

import type { Actor } from "@/lib/auth/actor";

/** Returns the actor of changes made from the command line, labelled `cli:<operating-system user>`. */
export function cliActor(): Actor {
  return { type: "system", id: null, label: `cli:${operatingSystemUser()}`, role: "admin" };
}

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    // userInfo() throws when the process's uid has no passwd entry, as in some containers.
    return process.env.USER ?? process.env.LOGNAME ?? `uid-${process.getuid?.() ?? "unknown"}`;
  }
}
