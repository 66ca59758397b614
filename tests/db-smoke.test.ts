import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { useTestDatabase } from "./helpers/test-database";

useTestDatabase();

describe("test database", () => {
  it("has the migrated schema", async () => {
    const batch = await db().ingestBatch.create({ data: { origin: "test" } });
    const read = await db().ingestBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(read.status).toBe("running");
  });
});
