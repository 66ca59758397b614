import { afterEach, describe, expect, it, vi } from "vitest";

import { db } from "@/lib/db/client";
import { seedRoleIncident } from "@/lib/response/containment/__fixtures__/role-incident";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { runContainmentPlanCommand } from "./containment-command";

useTestDatabase();

afterEach(() => {
  vi.restoreAllMocks();
});

function captureStdout(): () => string {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return () => chunks.join("");
}

describe("watchfloor containment plan", () => {
  it("prints the CLI commands by incident number", async () => {
    const incidentId = await seedRoleIncident({ roleName: "ops-cli" });
    const { number } = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    const output = captureStdout();
    const status = await runContainmentPlanCommand({ incident: `#${number}` });
    const lines = output().split("\n");

    expect(status).toBe(0);
    expect(lines[0]).toMatch(/^# Containment plan for arn:aws:iam::111122223333:role\/ops-cli \(AssumedRole\), generated /);
    expect(lines).toContain(
      "aws iam detach-role-policy --role-name ops-cli --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    );
    expect(lines).toContain("#   aws iam delete-role-policy --role-name ops-cli --policy-name AWSRevokeOlderSessions");
  });

  it("fails for an unknown incident", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await runContainmentPlanCommand({ incident: "9999" })).toBe(1);
    expect(stderr).toHaveBeenCalledWith("No incident 9999; give its id or its number as `watchfloor incidents` lists it.\n");
  });
});
