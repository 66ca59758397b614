import { describe, expect, it } from "vitest";

import { describeFailure } from "./describe-failure";

const NO_MESSAGE = "failed without an error message; run again with WATCHFLOOR_LOG_LEVEL=debug to see the log";

describe("describeFailure", () => {
  it("uses an Error's message", () => {
    expect(describeFailure(new Error("connection refused"))).toBe("connection refused");
  });

  it.each([undefined, null, "", "  "])("explains an empty failure (%j)", (value) => {
    expect(describeFailure(value)).toBe(NO_MESSAGE);
  });

  it("prints other thrown values", () => {
    expect(describeFailure("disk full")).toBe("disk full");
    expect(describeFailure(42)).toBe("42");
  });
});
