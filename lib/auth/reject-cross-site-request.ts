import { ApiError } from "@/lib/api/api-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Throws `forbidden` for a state-changing request that a browser sent from
 * another origin. Session cookies are SameSite=Lax, which stops other sites
 * but not other ports of the same host (another local web app on
 * 127.0.0.1), because SameSite ignores the port. API tokens are not cookies,
 * so only cookie-authenticated requests need this check.
 */
export function rejectCrossSiteRequest(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) {
    return;
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) {
    if (fetchSite === "same-origin" || fetchSite === "none") {
      return;
    }
    throw crossSiteError(`sec-fetch-site ${fetchSite}`);
  }
  const origin = request.headers.get("origin");
  // Clients that are not browsers (curl, scripts with a copied cookie) send neither header.
  if (origin === null || allowedOrigins(request).has(origin)) {
    return;
  }
  throw crossSiteError(`origin ${origin}`);
}

function allowedOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(request.url).origin]);
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    origins.add(new URL(configured).origin);
  }
  return origins;
}

function crossSiteError(seen: string): ApiError {
  return new ApiError(
    "forbidden",
    "This request came from another site, so the session cookie is not accepted for it. Use the dashboard itself, or an API token.",
    { internalMessage: `cross-site request with a session cookie (${seen})` },
  );
}
