/**
 * Request header in which proxy.ts passes the requested path and query to
 * server components, which otherwise cannot see the URL. Sign-in redirects
 * use it to return to the page. A client can set it too, but it only
 * chooses where that client itself goes after signing in, and
 * `safeCallbackPath` keeps that on this site.
 */
export const REQUEST_PATH_HEADER = "x-watchfloor-path";
