import { passwordSchema } from "@/lib/auth/auth-schemas";
import { generatePassword } from "@/lib/auth/generate-secret";
import { requireValid } from "@/lib/auth/require-valid";

import { promptHidden } from "./prompt-hidden";

export interface NewPassword {
  password: string;
  /** True when Watchfloor generated the password, which the command then prints once. */
  generated: boolean;
}

/**
 * Gets the password for `users add` and `users set-password`: from standard
 * input with `--password-stdin`, else by prompting twice without echo when
 * standard input is a terminal, else by generating one.
 */
export async function readNewPassword(options: { fromStdin: boolean }): Promise<NewPassword> {
  if (options.fromStdin) {
    const text = await readAll(process.stdin);
    // A trailing line break comes from `echo` or a file, not from the password.
    return { password: requireValid(passwordSchema, text.replace(/\r?\n$/, ""), "password"), generated: false };
  }
  if (!process.stdin.isTTY) {
    return { password: generatePassword(), generated: true };
  }
  const password = requireValid(passwordSchema, await promptHidden("Password: "), "password");
  const repeated = await promptHidden("Repeat the password: ");
  if (repeated !== password) {
    throw new Error("The two passwords differ; nothing was changed. Run the command again.");
  }
  return { password, generated: false };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
