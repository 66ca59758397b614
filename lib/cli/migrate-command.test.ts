import { describe, expect, it } from "vitest";

import { migrateMessage } from "./migrate-command";

describe("migrateMessage", () => {
  it("names the migrations applied", () => {
    expect(migrateMessage(["20261204170000_init", "20261204180000_workflow_and_coverage"])).toBe(
      "Applied 2 migrations (20261204170000_init, 20261204180000_workflow_and_coverage); the database schema is up to date.",
    );
    expect(migrateMessage(["20261204170000_init"])).toBe("Applied 1 migration (20261204170000_init); the database schema is up to date.");
  });

  it("says when none was pending", () => {
    expect(migrateMessage([])).toBe("Database schema is up to date; no migration was pending.");
  });
});
