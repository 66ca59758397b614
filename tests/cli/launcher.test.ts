import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

const LAUNCHER = resolve("bin", "watchfloor");

/**
 * Runs bin/watchfloor with a `node` on PATH that records its arguments and
 * memory settings instead of starting the CLI.
 */
function launch(env: Record<string, string>): { args: string[]; settings: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-launcher-"));
  const record = join(dir, "record.txt");
  const fakeNode = join(dir, "node");
  writeFileSync(
    fakeNode,
    [
      "#!/bin/sh",
      `printf '%s\\n' "$@" > '${record}'`,
      `printf 'MALLOC_ARENA_MAX=%s\\nMALLOC_TRIM_THRESHOLD_=%s\\n' "$MALLOC_ARENA_MAX" "$MALLOC_TRIM_THRESHOLD_" >> '${record}'`,
      "",
    ].join("\n"),
  );
  chmodSync(fakeNode, 0o755);
  const result = spawnSync(LAUNCHER, ["ingest", "--json", "a b.json"], {
    env: { NODE_ENV: "test", PATH: `${dir}:/usr/bin:/bin`, ...env },
    encoding: "utf8",
  });
  expect(result.status).toBe(0);
  const lines = readFileSync(record, "utf8").trimEnd().split("\n");
  const settings = Object.fromEntries(lines.filter((line) => line.startsWith("MALLOC_")).map((line) => line.split("=") as [string, string]));
  return { args: lines.filter((line) => !line.startsWith("MALLOC_")), settings };
}

describe("bin/watchfloor", () => {
  it("caps the heap and sets glibc trimming", () => {
    const { args, settings } = launch({});
    expect(args).toEqual(["--max-old-space-size=256", resolve("bin", "watchfloor.mjs"), "ingest", "--json", "a b.json"]);
    expect(settings).toEqual({ MALLOC_ARENA_MAX: "2", MALLOC_TRIM_THRESHOLD_: "131072" });
  });

  it("keeps settings from the environment", () => {
    const { args, settings } = launch({ WATCHFLOOR_HEAP_MB: "512", MALLOC_ARENA_MAX: "4" });
    expect(args[0]).toBe("--max-old-space-size=512");
    expect(settings.MALLOC_ARENA_MAX).toBe("4");
    expect(settings.MALLOC_TRIM_THRESHOLD_).toBe("131072");
  });
});
