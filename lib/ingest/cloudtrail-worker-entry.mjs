// Entry point of an ingest worker thread. Loader hooks registered on the main
// thread do not reach worker threads in Node 20, so the worker registers tsx
// itself before it loads the TypeScript module.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { register } from "tsx/esm/api";

const ingestDir = dirname(fileURLToPath(import.meta.url));
register({ tsconfig: join(ingestDir, "..", "..", "tsconfig.json") });
await import(pathToFileURL(join(ingestDir, "cloudtrail-worker.ts")).href);
