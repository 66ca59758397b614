import { SYSTEM_ACTOR, type Role } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/create-api-token";

/**
 * Creates a real API token with `role` in the test database and returns the
 * Authorization header that sends it, for tests that call route handlers.
 */
export async function createTestAuthorization(role: Role): Promise<{ authorization: string; tokenId: string }> {
  const created = await createApiToken({ actor: SYSTEM_ACTOR, name: `test ${role} ${Date.now()}`, role });
  return { authorization: `Bearer ${created.token}`, tokenId: created.id };
}
