import { NextResponse, type NextRequest } from "next/server";

import { loginPath } from "@/lib/auth/callback-path";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { decodeSessionCookie } from "@/lib/auth/session-cookie";

/**
 * Sends page requests without a valid session cookie to /login. This is the
 * early, cookie-only check that Next.js runs before rendering; pages still
 * call requireSession, which also reads the user from the database. API
 * routes are left to defineRoute, which returns 401 in the JSON envelope.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  if (pathname === "/login" || (await decodeSessionCookie(request.cookies.getAll()))) {
    return NextResponse.next({ request: { headers: forwarded } });
  }
  return NextResponse.redirect(new URL(loginPath({ callbackPath: `${pathname}${search}` }), request.url));
}

export const config = {
  // Everything but API routes, build assets and the icons the login page needs.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)"],
};
