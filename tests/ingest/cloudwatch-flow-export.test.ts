import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("a CloudWatch Logs export of flow logs", () => {
  it("stores each line without its timestamp", async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-cw-export-"));
    const lines = [
      "2024-05-01T00:00:00.000Z 2 111122223333 eni-0abc1234def567890 10.0.0.5 203.0.113.1 40000 443 6 10 1000 1714521600 1714521660 ACCEPT OK",
      "2024-05-01T00:01:00.000Z 2 111122223333 eni-0abc1234def567890 10.0.0.5 203.0.113.2 40001 443 6 12 1200 1714521660 1714521720 REJECT OK",
      "2024-05-01T00:02:00.000Z 2 111122223333 eni-0abc1234def567890 - - - - - - - 1714521720 1714521780 - NODATA",
    ];
    writeFileSync(join(root, "000000.gz"), gzipSync(`${lines.join("\n")}\n`));
    const summary = await ingestPaths({ paths: [root], origin: "test" });
    expect(summary.rejected).toEqual([]);
    expect(summary.bySource.vpcflow.nodata).toBe(1);
    expect(summary.bySource.vpcflow.records).toBe(3);
    const flows = await db().flowRecord.findMany({ orderBy: { start: "asc" }, select: { dstAddr: true, action: true } });
    expect(flows.filter((flow) => flow.dstAddr !== null).map((flow) => [flow.dstAddr, flow.action])).toEqual([
      ["203.0.113.1", "ACCEPT"],
      ["203.0.113.2", "REJECT"],
    ]);
  });
});
