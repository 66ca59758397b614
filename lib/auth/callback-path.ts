const PLACEHOLDER_ORIGIN = "http://watchfloor.invalid";

/**
 * Returns `value` as a path on this site, else "/". Sign-in redirects only
 * to local paths, so a crafted link cannot send a user who signs in to
 * another site. The value is resolved the way a browser resolves it, which
 * turns `//host`, a backslash after the first slash, and tabs or newlines
 * into another host, and it is kept only when it stays on the same origin.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/")) {
    return "/";
  }
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname === "/login" || url.pathname.startsWith("/api/")) {
    return "/";
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Returns the sign-in page's path with the page to return to and an optional error code. */
export function loginPath(options: { callbackPath?: string | null; error?: string }): string {
  const params = new URLSearchParams();
  const callback = safeCallbackPath(options.callbackPath);
  if (callback !== "/") {
    params.set("callbackUrl", callback);
  }
  if (options.error) {
    params.set("error", options.error);
  }
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}
