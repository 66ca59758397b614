import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";

import { readClientAddress } from "./client-address";
import { encodeRateLimited } from "./sign-in-error";
import { signInWithPassword } from "./sign-in-with-password";

const credentialsSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(1024),
});

/**
 * Builds the email and password sign-in. A wrong password returns null,
 * which next-auth reports as `CredentialsSignin`. A rate limit or a disabled
 * account throws, and next-auth passes the error message to the sign-in page
 * as its code.
 */
export function credentialsProvider() {
  return CredentialsProvider({
    id: "credentials",
    name: "Email and password",
    credentials: {
      email: { label: "Email", type: "email" },
      password: { label: "Password", type: "password" },
    },
    async authorize(credentials, request) {
      const parsed = credentialsSchema.safeParse(credentials);
      if (!parsed.success) {
        return null;
      }
      const result = await signInWithPassword({
        email: parsed.data.email,
        password: parsed.data.password,
        clientAddress: readClientAddress(request.headers ?? {}),
      });
      if (result.ok) {
        return { ...result.user, name: result.user.name ?? undefined };
      }
      if (result.reason === "rate_limited") {
        throw new Error(encodeRateLimited(result.scope, result.retryAt));
      }
      if (result.reason === "disabled") {
        throw new Error("disabled");
      }
      return null;
    },
  });
}
