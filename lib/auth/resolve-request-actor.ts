import type { Actor } from "./actor";

/**
 * Returns who sent a request: the signed-in user (session cookie) or the API
 * token in `Authorization: Bearer`, or null when neither is valid.
 *
 * TODO: sessions and API tokens are not implemented yet; until they are,
 * every request acts as a local administrator.
 */
export async function resolveRequestActor(_request: Request): Promise<Actor | null> {
  return { type: "system", id: null, label: "local", role: "admin" };
}
