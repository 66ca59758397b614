import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { generateDemoFiles } from "@/lib/demo/generate-demo-files";
import { ALICE_ADMIN, ATTACK, ATTACKER, REPORTS_SVC } from "@/lib/demo/scenario";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import { createChangeWindow } from "@/lib/response/change-windows/create-change-window";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { answerChecklistItem } from "./answer-checklist-item";
import { buildChecklist } from "./build-checklist";
import type { ChecklistDraft, ChecklistId, Outcome } from "./checklist-types";
import { getIncidentChecklists } from "./get-incident-checklists";
import { loadChecklistContext } from "./load-checklist-context";
import { recordChecklistConclusion } from "./record-checklist-conclusion";

useTestDatabase();

const NOW = new Date("2026-12-01T00:00:00Z");
const ANALYST: Actor = { type: "user", id: null, label: "ann.analyst@example.com", role: "analyst" };

let attackId: string;
let breakGlassId: string;

async function build(incidentId: string, id: ChecklistId): Promise<ChecklistDraft> {
  return buildChecklist(id, await loadChecklistContext({ incidentId, now: NOW }));
}

function item(list: ChecklistDraft, id: string) {
  const found = list.items.find((candidate) => candidate.id === id);
  if (!found) {
    throw new Error(`no item ${id}`);
  }
  return found;
}

function suggestedConclusion(list: ChecklistDraft) {
  return list.conclude(new Map<string, Outcome>(list.items.map((entry) => [entry.id, entry.suggested])));
}

beforeAll(async () => {
  const outDir = await mkdtemp(join(tmpdir(), "watchfloor-checklists-"));
  await generateDemoFiles({ outDir });
  await ingestPaths({ paths: [outDir], origin: "test" });
  attackId = (await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC.arn } })).id;
  breakGlassId = (await db().incident.findFirstOrThrow({ where: { principalKey: ALICE_ADMIN.arn } })).id;
}, 180_000);

describe("compromise checklist on the demo", () => {
  let list: ChecklistDraft;
  beforeAll(async () => {
    list = await build(attackId, "compromise");
  });

  it("finds no change window", () => {
    expect(item(list, "change-window").suggested).toEqual({
      value: "no",
      indicates: "compromise",
      text: "No: no change window covers 2026-11-17 02:14:05 – 2026-11-17 02:23:09.",
    });
  });

  it("names the new address", () => {
    const address = item(list, "source-address");
    expect(address.data.addresses).toEqual([
      {
        address: ATTACKER.ip,
        country: "NL",
        network: "85.17.31.0/24",
        addressVerdict: "new",
        networkVerdict: "new",
        countryVerdict: "new",
        placeVerdict: "new",
        firstCall: "2026-11-17 02:14:05",
        calls: 5,
      },
    ]);
    expect(address.data.baseline).toEqual({
      addresses: ["64.124.16.37", "64.124.16.38"],
      networks: ["64.124.16.0/24"],
      countries: ["US"],
    });
    expect(address.suggested.text).toBe(
      "Yes: 85.17.31.122 (NL) is new for reports-svc; reports-svc usually calls from 64.124.16.37 and 64.124.16.38 (US).",
    );
  });

  it("links the first call from the address", () => {
    const [fact] = item(list, "source-address").evidence.facts;
    expect(fact.links.map((link) => [link.label, link.at])).toEqual([
      ["first call from 85.17.31.122", "2026-11-17T02:14:05.000Z"],
    ]);
    expect(fact.links[0].href).toMatch(/^\/events\/cloudtrail\/[0-9a-f-]{36}$/);
  });

  it("times key creation to admin", () => {
    const chain = item(list, "new-key-then-admin");
    expect(chain.data).toEqual({
      keyId: ATTACK.createdAccessKeyId,
      createdAt: "2026-11-17T02:16:31.000Z",
      adminAt: "2026-11-17T02:21:47.000Z",
      adminEventName: "AttachUserPolicy",
      seconds: 316,
      withNewKey: true,
    });
    expect(chain.suggested.text).toBe(
      "Yes: AKIARZ5KQ3XHQ7MD2VYF was created at 2026-11-17 02:16:31 and AttachUserPolicy gave administrator " +
        "privileges at 2026-11-17 02:21:47 with that key, 5 min 16 s later.",
    );
  });

  it("finds no MFA", () => {
    const mfa = item(list, "mfa");
    expect(mfa.suggested.value).toBe("no");
    expect(mfa.data).toEqual({
      mfaUsed: false,
      longTermKeyCalls: 5,
      mfaSessionCalls: 0,
      sessionWithoutMfaCalls: 0,
      consoleLogins: [],
    });
  });

  it("finds the user agent new", () => {
    const agent = item(list, "user-agent");
    expect(agent.suggested.value).toBe("yes");
    expect(agent.suggested.text).toBe(
      "Yes: 5 user agents of aws-cli/2.18.2 are new for reports-svc; it usually calls with Boto3/1.34.131.",
    );
    expect((agent.data.agents as Array<{ verdict: string }>).map((entry) => entry.verdict)).toEqual([
      "new",
      "new",
      "new",
      "new",
      "new",
    ]);
  });

  it("finds activity outside usual hours", () => {
    const hours = item(list, "usual-hours");
    expect(hours.data.usualHours).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(hours.data.activityHours).toEqual([2]);
    expect(hours.suggested.text).toBe(
      "Yes: activity at 2026-11-17 02:14:05 – 2026-11-17 02:23:09 UTC; reports-svc works 13:00–22:00 UTC.",
    );
  });

  it("concludes compromise", () => {
    expect(suggestedConclusion(list)).toEqual({
      conclusion: "compromise",
      summary:
        "Compromise: 6 of 6 answers point to it (no change window, a new source address, a new key followed by " +
        "administrator privileges, no MFA, a new user agent and activity outside usual hours).",
    });
  });
});

describe("compromise checklist on the break-glass grant", () => {
  it("is undetermined without a change window", async () => {
    const list = await build(breakGlassId, "compromise");
    expect(list.items.map((entry) => [entry.id, entry.suggested.value, entry.suggested.indicates])).toEqual([
      ["change-window", "no", "compromise"],
      ["source-address", "no", "legitimate"],
      ["new-key-then-admin", "no", "neutral"],
      ["mfa", "yes", "legitimate"],
      ["user-agent", "no", "legitimate"],
      ["usual-hours", "no", "legitimate"],
    ]);
    expect(suggestedConclusion(list).conclusion).toBe("undetermined");
  });

  it("is legitimate admin inside a change window", async () => {
    await createChangeWindow({
      actor: ANALYST,
      input: {
        title: "Break-glass access for the database migration",
        startsAt: new Date("2026-11-19T13:00:00Z"),
        endsAt: new Date("2026-11-19T15:00:00Z"),
        accountId: "111122223333",
        principalPattern: ALICE_ADMIN.arn,
        reference: "CHG-1042",
      },
    });
    const list = await build(breakGlassId, "compromise");
    expect(item(list, "change-window").suggested.value).toBe("yes");
    const recorded = item(list, "change-window").evidence.facts.find((fact) => fact.label === "Recorded");
    expect(recorded?.value).toMatch(/ by ann\.analyst@example\.com \(manual\), after the activity began: confirm it against the change record itself$/);
    expect(suggestedConclusion(list)).toEqual({
      conclusion: "legitimate_admin",
      summary:
        'Legitimate administration: "Break-glass access for the database migration" (CHG-1042) covers the ' +
        "activity (2026-11-19 13:51:08 – 2026-11-19 14:05:22). No answer points to a compromise.",
    });
  });
});

describe("disable checklist on the demo", () => {
  let list: ChecklistDraft;
  beforeAll(async () => {
    list = await build(attackId, "disable");
  });

  it("sees the grant removed", () => {
    expect(item(list, "admin-privileges").data).toEqual({
      heldNow: false,
      grants: [
        {
          at: "2026-11-17T02:21:47.000Z",
          eventName: "AttachUserPolicy",
          removedAt: "2026-11-17T02:27:55.000Z",
          removedBy: "bob.secops",
          heldSeconds: 368,
        },
      ],
    });
  });

  it("sees both keys deactivated", () => {
    const keys = item(list, "access-keys");
    expect(keys.suggested.text).toBe(
      "No: every key was deactivated: AKIARZ5KQ3XHWJ4TBN6Q at 2026-11-17 02:27:14 and AKIARZ5KQ3XHQ7MD2VYF at 2026-11-17 02:27:38.",
    );
  });

  it("lists the reachable services", () => {
    const reach = item(list, "reach");
    expect(reach.data.usedServices).toEqual(["iam", "s3", "athena"]);
    expect(reach.data.unusedServices).toEqual(["glue", "kms", "logs", "sns"]);
    expect(reach.suggested.indicates).toBe("neutral");
  });

  it("compares the last call with containment", () => {
    expect(item(list, "ongoing-activity").suggested.text).toBe(
      "No: the last call was at 2026-11-17 02:23:09, 4 min 46 s before containment at 2026-11-17 02:27:55; none since.",
    );
  });

  it("measures the escalation", () => {
    const escalation = item(list, "escalation-age");
    expect(escalation.data).toEqual({
      escalatedAt: "2026-11-17T02:21:47.000Z",
      endedAt: "2026-11-17T02:27:55.000Z",
      minutes: 6,
      calls: 2,
      reach: "7 services",
    });
  });

  it("concludes wait", () => {
    expect(suggestedConclusion(list).conclusion).toBe("wait");
  });
});

describe("impact checklist on the demo", () => {
  let list: ChecklistDraft;
  beforeAll(async () => {
    list = await build(attackId, "impact");
  });

  it("tabulates key use before the incident", () => {
    const rows = item(list, "key-usage").evidence.table?.rows.map((row) => [row[0], row[1], row[3], row[4]]);
    expect(rows).toEqual([
      [ATTACK.stolenAccessKeyId, "64.124.16.37", "767", "2026-11-16 21:48:22"],
      [ATTACK.stolenAccessKeyId, "64.124.16.38", "667", "2026-11-16 21:34:06"],
      [ATTACK.stolenAccessKeyId, "athena.amazonaws.com", "43", "2026-11-16 21:48:21"],
    ]);
  });

  it("finds the workload signs", () => {
    expect(list.items.map((entry) => [entry.id, entry.suggested.value])).toEqual([
      ["key-usage", "yes"],
      ["aws-sources", "yes"],
      ["runtime-agents", "yes"],
      ["machine-cadence", "yes"],
      ["automation-services", "yes"],
    ]);
    expect(item(list, "machine-cadence").suggested.text).toBe("Yes: AKIARZ5KQ3XHWJ4TBN6Q every 15 min (98 % regular).");
    expect(item(list, "automation-services").data.automationServices).toEqual(["athena", "s3"]);
  });

  it("names keys and hosts", () => {
    expect(suggestedConclusion(list)).toEqual({
      conclusion: "may_cause_downtime",
      summary:
        "Disabling may cause downtime: AKIARZ5KQ3XHWJ4TBN6Q serves 64.124.16.37, 64.124.16.38 and " +
        "athena.amazonaws.com every 15 min (1,477 calls). AKIARZ5KQ3XHQ7MD2VYF had no calls before the " +
        "incident, so disabling it is safe.",
    });
  });

  it("finds the break-glass admin safe", async () => {
    const glass = await build(breakGlassId, "impact");
    expect(suggestedConclusion(glass).conclusion).toBe("no_downtime");
  });
});

describe("answers and conclusions", () => {
  it("rejects an override without reason", async () => {
    const error = await answerChecklistItem({
      incidentId: attackId,
      checklist: "compromise",
      itemId: "mfa",
      answer: "override",
      actor: ANALYST,
      now: NOW,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).field).toBe("body.reason");
    expect(await db().checklistAnswer.count({ where: { incidentId: attackId } })).toBe(0);
  });

  it("stores an override with its evidence", async () => {
    const result = await answerChecklistItem({
      incidentId: attackId,
      checklist: "compromise",
      itemId: "usual-hours",
      answer: "override",
      reason: "The reports job was moved to a night run that week.",
      actor: ANALYST,
      now: NOW,
    });
    expect(result.outcome.indicates).toBe("legitimate");
    const row = await db().checklistAnswer.findUniqueOrThrow({
      where: { incidentId_checklist_itemId: { incidentId: attackId, checklist: "compromise", itemId: "usual-hours" } },
    });
    expect(row.answer).toBe("override");
    expect(row.answeredBy).toBe("ann.analyst@example.com");
    const snapshot = row.evidence as unknown as { data: { usualHours: number[] }; outcome: Outcome; suggested: Outcome };
    expect(snapshot.data.usualHours).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(snapshot.suggested.value).toBe("yes");
    expect(snapshot.outcome.value).toBe("no");
    const audit = await db().auditEntry.findFirstOrThrow({ where: { incidentId: attackId, action: "checklist.answered" } });
    expect(audit.details).toEqual({
      checklist: "compromise",
      itemId: "usual-hours",
      answer: "override",
      reason: "The reports job was moved to a night run that week.",
      value: "no",
      indicates: "legitimate",
    });
  });

  it("requires every answer before concluding", async () => {
    const error = await recordChecklistConclusion({ incidentId: attackId, checklist: "compromise", actor: ANALYST, now: NOW }).catch(
      (caught: unknown) => caught,
    );
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).details).toEqual({
      unanswered: ["change-window", "source-address", "new-key-then-admin", "mfa", "user-agent"],
    });
  });

  it("records the conclusion from the answers", async () => {
    for (const itemId of ["change-window", "source-address", "new-key-then-admin", "mfa", "user-agent"]) {
      await answerChecklistItem({ incidentId: attackId, checklist: "compromise", itemId, answer: "confirm", actor: ANALYST, now: NOW });
    }
    const recorded = await recordChecklistConclusion({ incidentId: attackId, checklist: "compromise", actor: ANALYST, now: NOW });
    expect(recorded.conclusion).toBe("compromise");
    expect(recorded.summary).toBe(
      "Compromise: 5 of 6 answers point to it (no change window, a new source address, a new key followed by " +
        "administrator privileges, no MFA and a new user agent).",
    );
    const row = await db().checklistConclusion.findUniqueOrThrow({
      where: { incidentId_checklist: { incidentId: attackId, checklist: "compromise" } },
    });
    expect(row.conclusion).toBe("compromise");
    expect((row.details as { overrides: string[] }).overrides).toEqual(["usual-hours"]);
    expect(await db().auditEntry.count({ where: { incidentId: attackId, action: "checklist.concluded" } })).toBe(1);
  });

  it("shows answers with the checklists", async () => {
    const views = await getIncidentChecklists({ incidentId: attackId, now: NOW });
    const compromise = views.find((view) => view.id === "compromise");
    expect(views.map((view) => view.id)).toEqual(["compromise", "disable", "impact"]);
    expect(compromise?.answered).toBe(6);
    expect(compromise?.recorded?.conclusion).toBe("compromise");
    expect(compromise?.recorded?.stale).toBe(false);
    expect(compromise?.items.find((entry) => entry.id === "usual-hours")?.answer?.reason).toBe(
      "The reports job was moved to a night run that week.",
    );
  });
});
