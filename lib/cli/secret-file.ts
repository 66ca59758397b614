import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";

/** Writes `value` to `path` readable and writable by the owner only (mode 600), replacing the file. */
export function writeSecretFile(path: string, value: string): void {
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  // The mode option applies only when the file is created.
  chmodSync(path, 0o600);
}

/** Returns the secret stored at `path`, first creating it with 32 random bytes (base64url) when missing. */
export function readOrCreateSecretFile(path: string): string {
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    const stored = readFileSync(path, "utf8").trim();
    if (stored !== "") {
      return stored;
    }
  }
  const secret = randomBytes(32).toString("base64url");
  writeSecretFile(path, secret);
  return secret;
}
