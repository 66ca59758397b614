import { createHash, randomBytes } from "node:crypto";

/** Prefix of every API token, so that leaked tokens are easy to recognise in logs and secret scanners. */
export const API_TOKEN_PREFIX = "wf_";

/** An API token: `wf_` and 32 random bytes in base64url (43 characters). */
export const API_TOKEN_PATTERN = /^wf_[A-Za-z0-9_-]{43}$/;

/** Length of the token prefix stored in `api_tokens.prefix` and shown in lists. */
export const TOKEN_PREFIX_LENGTH = 8;

/** Returns a random password of 24 base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** Returns a new API token with the SHA-256 (hex) and the prefix that are stored for it. */
export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) };
}

/** Returns the SHA-256 of a token in hex, the form `api_tokens.token_hash` stores. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
