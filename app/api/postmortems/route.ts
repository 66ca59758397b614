import { defineRoute } from "@/lib/api/define-route";
import { listPostmortems } from "@/lib/reports/list-postmortems";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "postmortems.list", permission: "postmortem.read" }, async () => listPostmortems());
