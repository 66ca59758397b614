import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

import { reportNameColumnsAsText } from "./lib/db/pg-name-type-fix";

// Prisma 6.19's Rust schema engine is downloaded on demand and cannot be here,
// so migrations run through the WebAssembly engine over the `pg` driver.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate.");
    }
    // Discrete options (not a connection string) let the adapter create its
    // shadow database under another name for `migrate dev`.
    const url = new URL(connectionString);
    const pool = new pg.Pool({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      // Lets the CLI process exit as soon as the migration is done.
      allowExitOnIdle: true,
      idleTimeoutMillis: 50,
    });
    return new PrismaPg(reportNameColumnsAsText(pool), { disposeExternalPool: true });
  },
});
