import { headers } from "next/headers";

import type { Actor } from "@/lib/auth/actor";
import { resolveRequestActor } from "@/lib/auth/resolve-request-actor";

/** Resolves who is viewing a server-rendered page, from the request headers (session cookie or token). */
export async function resolvePageActor(): Promise<Actor | null> {
  return resolveRequestActor(new Request("http://127.0.0.1/", { headers: await headers() }));
}
