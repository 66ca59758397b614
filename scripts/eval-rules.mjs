#!/usr/bin/env node
// Evaluates the detection rules on the labelled public samples in
// ../shared/samples (or WATCHFLOOR_SAMPLES_DIR) and prints precision and
// recall per rule. The rules are TypeScript, loaded through tsx as
// bin/watchfloor.mjs loads the CLI.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { register } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.env.WATCHFLOOR_LOG_LEVEL ??= "warn";
register({ tsconfig: join(root, "tsconfig.json") });
const { runRuleEvaluation } = await import(pathToFileURL(join(root, "lib", "eval", "run-rule-evaluation.ts")).href);
const code = await runRuleEvaluation({ repoRoot: root, write: (text) => process.stdout.write(text) });
process.exit(code);
