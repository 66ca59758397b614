import { describe, expect, it } from "vitest";

import { USER_AGENTS } from "@/lib/demo/scenario";

import { classifyUserAgent } from "./classify-user-agent";

describe("classifyUserAgent", () => {
  it.each([
    [USER_AGENTS.reportsSvc, "programmatic"],
    [USER_AGENTS.ciDeployDocker, "programmatic"],
    [USER_AGENTS.attackerCliPrefix, "programmatic"],
    [USER_AGENTS.aliceBrowser, "console"],
    ["signin.amazonaws.com", "console"],
    ["AWS Internal", "other"],
    [null, "other"],
  ] as const)("classifies %s", (agent, kind) => {
    expect(classifyUserAgent(agent)).toBe(kind);
  });
});
