import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { loadDemoScenario } from "@/tests/helpers/load-demo-scenario";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { exportPostmortem } from "./export-postmortem";
import { generatePostmortem } from "./generate-postmortem";
import { getPostmortemVersion } from "./get-postmortem-version";
import { listPostmortems } from "./list-postmortems";
import { savePostmortemVersion } from "./save-postmortem-version";

useTestDatabase();

const ANALYST: Actor = { type: "system", id: null, label: "dana.analyst", role: "analyst" };
const COMMANDER: Actor = { type: "system", id: null, label: "erin.commander", role: "commander" };

let incidentId: string;
let incidentNumber: number;
let draft: string;

beforeAll(async () => {
  ({ incidentId, incidentNumber } = await loadDemoScenario());
  draft = (await generatePostmortem({ incidentId, actor: ANALYST })).current.markdown;
}, 600_000);

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}`);
  const end = markdown.indexOf("\n## ", start + 3);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe("generatePostmortem", () => {
  it("states the headline", () => {
    expect(draft).toContain("**Detected 02:14, contained 02:27: 13 minutes.**");
  });

  it("lists the metrics", () => {
    const metrics = section(draft, "Response metrics");
    expect(metrics).toContain("| Time to detect | 35 s | 2026-11-17 02:14:05 | 2026-11-17 02:14:40 |");
    expect(metrics).toContain("| Time to contain | 13 min 15 s (795 s) |");
    expect(metrics).toContain("| Time to escalate | — | 2026-11-17 02:14:40 | — | not escalated |");
  });

  it("orders the timeline", () => {
    const timeline = section(draft, "Timeline");
    const calls = ["GetCallerIdentity", "CreateAccessKey", "ListBuckets", "AttachUserPolicy", "StopLogging", "DetachUserPolicy"];
    const positions = calls.map((call) => timeline.indexOf(`\`${call}\``));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(timeline).toContain("| 2026-11-17 02:11:00 | vpcflow | REJECT `85.17.31.122 -> 10.20.2.40:22/tcp`");
  });

  it("covers every log source", () => {
    const sources = section(draft, "Log sources correlated");
    expect(sources).toContain("| `StopLogging` | 1 | 1 | 1 |");
    expect(sources).toContain("`UnauthorizedAccess:IAMUser/MaliciousIPCaller` | Medium | 5 |");
    expect(sources).toContain("4 flow records to or from `85.17.31.122`");
    expect(sources).toContain("| AWS Glue (`glue`) | never | granted, never used |");
  });

  it("notes absent checklists and plans", () => {
    expect(section(draft, "Decision analysis")).toContain("No checklist answered for this incident.");
    expect(section(draft, "Containment and remediation")).toContain("No containment plan was recorded in Watchfloor.");
  });

  it("suggests the five lessons", () => {
    const lessons = section(draft, "Lessons learned");
    expect(lessons).toContain("1. **No MFA on reports-svc.**");
    expect(lessons).toContain("2. **Long-lived access key AKIARZ5KQ3XHWJ4TBN6Q.**");
    expect(lessons).toContain("3. **IAM user reports-svc is used by automation.**");
    expect(lessons).toContain("went unanswered for 5 min 27 s");
    expect(lessons).toContain("StopLogging at 2026-11-17 02:23:09 from 85.17.31.122 failed with AccessDenied");
  });

  it("stores version 1 as generated", async () => {
    const version = await getPostmortemVersion(incidentId, 1);
    expect(version).toMatchObject({ version: 1, generated: true, author: "dana.analyst" });
    const audit = await db().auditEntry.findMany({ where: { incidentId, action: "postmortem.generated" } });
    expect(audit.map((entry) => entry.actorLabel)).toEqual(["dana.analyst"]);
  });

  it("rejects a second draft", async () => {
    await expect(generatePostmortem({ incidentId, actor: ANALYST })).rejects.toMatchObject({ code: "conflict" });
  });

  it("rejects an uncontained incident", async () => {
    const other = await db().incident.findFirstOrThrow({ where: { id: { not: incidentId } } });
    await expect(generatePostmortem({ incidentId: other.id, actor: ANALYST })).rejects.toMatchObject({ code: "conflict" });
    expect(await db().postmortem.count({ where: { incidentId: other.id } })).toBe(0);
  });
});

describe("savePostmortemVersion", () => {
  it("keeps every version", async () => {
    const edited = `${draft}\nThe commander reviewed this.\n`;
    const saved = await savePostmortemVersion({ incidentId, actor: COMMANDER, markdown: edited, baseVersion: 1 });
    expect(saved.currentVersion).toBe(2);
    expect(saved.versions.map((version) => [version.version, version.author, version.generated])).toEqual([
      [2, "erin.commander", false],
      [1, "dana.analyst", true],
    ]);
    expect((await getPostmortemVersion(incidentId, 1))?.markdown).toBe(draft);
    expect((await getPostmortemVersion(incidentId, 2))?.markdown).toBe(edited);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { incidentId, action: "postmortem.edited" } });
    expect(audit.details).toMatchObject({ version: 2, baseVersion: 1 });
  });

  it("rejects a stale base version", async () => {
    await expect(
      savePostmortemVersion({ incidentId, actor: ANALYST, markdown: "# stale", baseVersion: 1 }),
    ).rejects.toMatchObject({ code: "conflict" });
    const postmortem = await db().postmortem.findUniqueOrThrow({ where: { incidentId } });
    expect(postmortem.currentVersion).toBe(2);
  });

  it("lists the postmortem", async () => {
    const list = await listPostmortems();
    expect(list.postmortems.map((item) => [item.number, item.postmortem?.currentVersion, item.postmortem?.lastEditedBy])).toEqual([
      [incidentNumber, 2, "erin.commander"],
    ]);
    expect(list.awaiting).toEqual([]);
  });
});

describe("exportPostmortem", () => {
  it("exports the current Markdown", async () => {
    const file = await exportPostmortem({ incidentId, format: "md" });
    expect(file.filename).toBe(`postmortem-${incidentNumber}.md`);
    expect(file.body.toString("utf8")).toContain("The commander reviewed this.");
  });

  it("exports an older version", async () => {
    const file = await exportPostmortem({ incidentId, format: "md", version: 1 });
    expect(file.filename).toBe(`postmortem-${incidentNumber}-v1.md`);
    expect(file.body.toString("utf8")).toBe(draft);
  });

  it("renders a PDF with the headings", async () => {
    const file = await exportPostmortem({ incidentId, format: "pdf" });
    expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(file.body);
    for (const heading of ["Overview", "Response metrics", "Timeline", "Log sources correlated", "Lessons learned"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Detected 02:14, contained 02:27: 13 minutes.");
  });
});

/**
 * Extracts the text of a PDF with `pdftotext` (Debian package poppler-utils) when it
 * is installed, else by decoding the page content streams, where PDFKit
 * writes each run of text as hex strings of WinAnsi codes.
 */
function pdfText(pdf: Buffer): string {
  if (spawnSync("pdftotext", ["-v"]).status === 0) {
    const file = join(mkdtempSync(join(tmpdir(), "watchfloor-pdf-")), "postmortem.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  }
  const streams = [...pdf.toString("latin1").matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)];
  const text = streams
    .map((match) => {
      try {
        return inflateSync(Buffer.from(match[1] ?? "", "latin1")).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("\n");
  return [...text.matchAll(/<([0-9a-f]+)>/gi)].map((match) => Buffer.from(match[1] ?? "", "hex").toString("latin1")).join("");
}
