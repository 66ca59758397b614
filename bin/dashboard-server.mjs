#!/usr/bin/env node
// Serves the built dashboard as `next start` does, through Next.js's request
// handler on a Node HTTP server of its own, so that the forwarding headers of
// each request can be checked first. `next start` keeps an x-forwarded-for
// that a client sends, so any client could choose the address that sign-in
// limits count and the audit log records.
//
// Usage: node bin/dashboard-server.mjs --port PORT --hostname HOST
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import next from "next";

import { trustedProxies, useOwnForwardingHeaders } from "../lib/auth/forwarding-headers.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? 3000);
const hostname = values.hostname ?? "127.0.0.1";
const trusted = trustedProxies(process.env.WATCHFLOOR_TRUSTED_PROXIES);

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  useOwnForwardingHeaders(request, trusted);
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) {
      response.statusCode = 500;
    }
    response.end();
  });
});
server.listen(port, hostname, () => {
  process.stdout.write(`▲ Watchfloor dashboard listening on http://${hostname}:${port}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Open keep-alive and live-update connections would hold close() back.
    server.closeAllConnections();
  });
}
