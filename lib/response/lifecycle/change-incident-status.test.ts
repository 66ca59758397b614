import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { assignCommander } from "./assign-commander";
import { changeIncidentStatus, markIncidentContained } from "./change-incident-status";
import { escalateIncident } from "./escalate-incident";
import { loadIncidentLifecycle } from "./load-incident-lifecycle";

useTestDatabase();

const ANALYST: Actor = { type: "user", id: null, label: "ann.analyst@example.com", role: "analyst" };

let commanderId: string;
let otherCommanderId: string;
let analystId: string;

async function createIncident(overrides: { status?: string; containedAt?: Date } = {}): Promise<string> {
  const incident = await db().incident.create({
    data: {
      title: "Access key misuse by reports-svc",
      severity: "critical",
      score: 125,
      principalKey: `arn:aws:iam::111122223333:user/test-${randomUUID()}`,
      firstSeen: new Date("2026-11-17T02:14:40Z"),
      lastSeen: new Date("2026-11-17T02:27:55Z"),
      ...overrides,
    },
  });
  return incident.id;
}

async function auditActions(incidentId: string): Promise<Array<[string, unknown]>> {
  const entries = await db().auditEntry.findMany({ where: { incidentId }, orderBy: { seq: "asc" } });
  return entries.map((entry) => [entry.action, entry.details]);
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeAll(async () => {
  const users = await Promise.all([
    db().user.create({ data: { email: "cora.commander@example.com", name: "Cora", role: "commander" } }),
    db().user.create({ data: { email: "carl.commander@example.com", name: "Carl", role: "commander" } }),
    db().user.create({ data: { email: "ann.analyst@example.com", name: "Ann", role: "analyst" } }),
  ]);
  [commanderId, otherCommanderId, analystId] = users.map((user) => user.id);
});

describe("changeIncidentStatus", () => {
  it("triages a new incident", async () => {
    const id = await createIncident();
    const change = await changeIncidentStatus({ incidentId: id, status: "triage", actor: ANALYST, note: "looking" });
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(change.from).toBe("new");
    expect(row.status).toBe("triage");
    expect(row.triagedAt?.toISOString()).toBe(change.at);
    expect(row.statusChangedAt?.toISOString()).toBe(change.at);
    expect(await auditActions(id)).toEqual([["incident.status_changed", { from: "new", to: "triage", note: "looking" }]]);
  });

  it("rejects a skipped step with the allowed ones", async () => {
    const id = await createIncident();
    const error = await rejection(changeIncidentStatus({ incidentId: id, status: "resolved", actor: ANALYST }));
    expect(error.status).toBe(409);
    expect(error.code).toBe("conflict");
    expect(error.details).toEqual({ status: "new", requested: "resolved", allowed: ["triage"] });
    expect((await db().incident.findUniqueOrThrow({ where: { id } })).status).toBe("new");
    expect(await auditActions(id)).toEqual([]);
  });

  it("requires escalation for confirmed", async () => {
    const id = await createIncident({ status: "triage" });
    const error = await rejection(changeIncidentStatus({ incidentId: id, status: "confirmed", actor: ANALYST }));
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("body.commanderId");
    expect(await auditActions(id)).toEqual([]);
  });

  it("walks the whole lifecycle", async () => {
    const id = await createIncident();
    await changeIncidentStatus({ incidentId: id, status: "triage", actor: ANALYST });
    await escalateIncident({ incidentId: id, commanderId, actor: ANALYST });
    await changeIncidentStatus({ incidentId: id, status: "contained", actor: ANALYST });
    await changeIncidentStatus({ incidentId: id, status: "resolved", actor: ANALYST });
    await changeIncidentStatus({ incidentId: id, status: "closed", actor: ANALYST });
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("closed");
    for (const column of [row.triagedAt, row.escalatedAt, row.containedAt, row.resolvedAt, row.closedAt]) {
      expect(column).toBeInstanceOf(Date);
    }
    const lifecycle = await loadIncidentLifecycle(id);
    expect(lifecycle?.lifecycle.allowedNext).toEqual([]);
    expect(lifecycle?.lifecycle.steps.map((step) => [step.status, step.actor])).toEqual([
      ["triage", ANALYST.label],
      ["confirmed", ANALYST.label],
      ["contained", ANALYST.label],
      ["resolved", ANALYST.label],
      ["closed", ANALYST.label],
    ]);
    expect(lifecycle?.actions.map((action) => action.action)).toEqual([
      "incident.status_changed",
      "incident.escalated",
      "incident.status_changed",
      "incident.status_changed",
      "incident.status_changed",
    ]);
  });

  it("closes a triaged incident directly", async () => {
    const id = await createIncident({ status: "triage" });
    await changeIncidentStatus({ incidentId: id, status: "closed", actor: ANALYST });
    expect((await db().incident.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
  });

  it("writes nothing when the audit append fails", async () => {
    const id = await createIncident();
    await db().$executeRawUnsafe(`
      CREATE FUNCTION reject_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit insert rejected for the test'; END $$`);
    await db().$executeRawUnsafe(
      "CREATE TRIGGER reject_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION reject_audit()",
    );
    try {
      await expect(changeIncidentStatus({ incidentId: id, status: "triage", actor: ANALYST })).rejects.toThrow(
        /audit insert rejected/,
      );
    } finally {
      await db().$executeRawUnsafe("DROP TRIGGER reject_audit ON audit_entries");
      await db().$executeRawUnsafe("DROP FUNCTION reject_audit()");
    }
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("new");
    expect(row.triagedAt).toBeNull();
  });
});

describe("escalateIncident", () => {
  it("assigns the commander", async () => {
    const id = await createIncident({ status: "triage" });
    const result = await escalateIncident({ incidentId: id, commanderId, actor: ANALYST });
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("confirmed");
    expect(row.commanderId).toBe(commanderId);
    expect(row.escalatedAt?.toISOString()).toBe(result.at);
    expect(await auditActions(id)).toEqual([
      [
        "incident.escalated",
        { from: "triage", to: "confirmed", commanderId, commander: "cora.commander@example.com" },
      ],
    ]);
  });

  it("rejects an analyst as commander", async () => {
    const id = await createIncident({ status: "triage" });
    const error = await rejection(escalateIncident({ incidentId: id, commanderId: analystId, actor: ANALYST }));
    expect(error.code).toBe("validation_failed");
    expect(error.publicMessage).toBe("ann.analyst@example.com has the analyst role; choose an enabled incident commander.");
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("triage");
    expect(row.commanderId).toBeNull();
    expect(await auditActions(id)).toEqual([]);
  });

  it("rejects escalating a new incident", async () => {
    const id = await createIncident();
    const error = await rejection(escalateIncident({ incidentId: id, commanderId, actor: ANALYST }));
    expect(error.status).toBe(409);
    expect(error.details?.allowed).toEqual(["triage"]);
  });

  it("reassigns the commander", async () => {
    const id = await createIncident({ status: "triage" });
    await escalateIncident({ incidentId: id, commanderId, actor: ANALYST });
    await assignCommander({ incidentId: id, commanderId: otherCommanderId, actor: ANALYST });
    expect((await db().incident.findUniqueOrThrow({ where: { id } })).commanderId).toBe(otherCommanderId);
    const actions = await auditActions(id);
    expect(actions[1]).toEqual([
      "incident.commander_assigned",
      { previousCommanderId: commanderId, commanderId: otherCommanderId, commander: "carl.commander@example.com" },
    ]);
  });
});

describe("markIncidentContained", () => {
  it("keeps the containment time from the logs", async () => {
    const loggedAt = new Date("2026-11-17T02:27:55Z");
    const id = await createIncident({ status: "confirmed", containedAt: loggedAt });
    const change = await db().$transaction((tx) => markIncidentContained(tx, { incidentId: id, actor: ANALYST }));
    const row = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(change?.to).toBe("contained");
    expect(row.status).toBe("contained");
    expect(row.containedAt?.toISOString()).toBe("2026-11-17T02:27:55.000Z");
  });

  it("does nothing once resolved", async () => {
    const id = await createIncident({ status: "resolved" });
    const change = await db().$transaction((tx) => markIncidentContained(tx, { incidentId: id, actor: ANALYST }));
    expect(change).toBeNull();
    expect(await auditActions(id)).toEqual([]);
  });
});
