import NextAuth from "next-auth";

import { buildAuthOptions } from "@/lib/auth/auth-options";

export const dynamic = "force-dynamic";

// next-auth's own endpoints (sign-in, callback, sign-out, session, CSRF
// token). They respond in next-auth's formats, so they do not go through defineRoute.
const handler = NextAuth(buildAuthOptions());

export { handler as GET, handler as POST };
