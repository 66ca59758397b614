import pg from "pg";
import { describe, expect, it } from "vitest";

import { isDatabaseFailure } from "./is-database-failure";

describe("isDatabaseFailure", () => {
  it("accepts a server error", () => {
    expect(isDatabaseFailure(new pg.DatabaseError("terminating connection due to administrator command", 0, "error"))).toBe(true);
  });

  it("accepts a lost connection", () => {
    expect(isDatabaseFailure(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(true);
    expect(isDatabaseFailure(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("rejects an error in a rule", () => {
    expect(isDatabaseFailure(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
