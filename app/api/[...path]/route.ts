import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";

export const dynamic = "force-dynamic";

// Every /api path without a route of its own answers with the JSON error
// envelope, so API clients never receive the HTML 404 page.
const notFound = defineRoute({ name: "api.not-found", permission: "public" }, async ({ request }) => {
  throw new ApiError("not_found", `No API route at ${new URL(request.url).pathname}.`);
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
