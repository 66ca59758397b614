import { NextResponse, type NextRequest } from "next/server";

import { ApiError } from "@/lib/api/api-error";
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
  // Next.js returns a bare 500 for a path whose percent escapes do not decode.
  if (!decodesCleanly(pathname)) {
    return malformedPathResponse(request);
  }
  if (pathname.startsWith("/api/")) {
    return NextResponse.next();
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  if (pathname === "/login" || (await decodeSessionCookie(request.cookies.getAll()))) {
    return NextResponse.next({ request: { headers: forwarded } });
  }
  return NextResponse.redirect(new URL(loginPath({ callbackPath: `${pathname}${search}` }), request.url));
}

/** True when every percent escape of the path decodes as UTF-8. */
function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function malformedPathResponse(request: NextRequest): NextResponse {
  const message = "The path has a percent escape that is not valid UTF-8; encode each byte of the path as %XX of its UTF-8 form.";
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const body = new ApiError("bad_request", message).toBody();
    return NextResponse.json(body, { status: 400, headers: { "cache-control": "no-store" } });
  }
  // A path that matches no page renders the not-found page with status 404.
  return NextResponse.rewrite(new URL("/not-found", request.url));
}

export const config = {
  // Pages (all but build assets and the login page's icons), and API paths with a
  // percent escape. Other API requests skip the proxy, so that large ingest bodies
  // never pass through it.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)", "/api/(.*%.*)"],
};
