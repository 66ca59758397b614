#!/usr/bin/env node
// Entry point of the bulk-ingest benchmark (see docs/benchmarks.md). Like
// bin/watchfloor.mjs, it loads the TypeScript sources through tsx.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { register } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.env.WATCHFLOOR_LOG_LEVEL ??= "warn";
register({ tsconfig: join(root, "tsconfig.json") });
await import(pathToFileURL(join(root, "bench", "ingest", "run-ingest-bench.ts")).href);
