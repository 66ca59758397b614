import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { setUserDisabled } from "@/lib/auth/set-user-disabled";
import { setUserRole } from "@/lib/auth/set-user-role";

import { updateUserBodySchema } from "../schemas";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

/** Changes a user's role, or disables or enables the user. */
export const PATCH = defineRoute(
  { name: "admin.users.update", permission: "admin.users", params: paramsSchema, body: updateUserBodySchema },
  async ({ params, body, actor }) => {
    if (body.role !== undefined) {
      return setUserRole({ actor, user: { id: params.id }, role: body.role });
    }
    return setUserDisabled({ actor, user: { id: params.id }, disabled: body.disabled ?? false });
  },
);
