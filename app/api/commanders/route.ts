import { defineRoute } from "@/lib/api/define-route";
import { listCommanders } from "@/lib/response/lifecycle/list-commanders";

export const dynamic = "force-dynamic";

/** Lists the users an incident can be escalated to. */
export const GET = defineRoute({ name: "commanders.list", permission: "incident.read" }, async () => listCommanders());
