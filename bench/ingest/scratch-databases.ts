/**
 * Fresh databases for one benchmark run, cloned from a template that the
 * project's migrations built, so that every measurement starts empty with
 * the same schema and indexes.
 */
import { randomBytes } from "node:crypto";

import pg from "pg";

import { applyMigrations } from "@/lib/db/migrate";

export interface ScratchDatabases {
  /** Creates an empty migrated database and returns its URL. */
  create: (label: string) => Promise<string>;
  /** Drops every database this object created, the template included. */
  dropAll: () => Promise<void>;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Creates the migrated template; refuses a server that is not on this machine. */
export async function createScratchDatabases(serverUrl: string): Promise<ScratchDatabases> {
  const host = new URL(serverUrl).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`The benchmark creates and drops databases, so --server must be on this machine; got ${host}.`);
  }
  const prefix = `wf_bench_${randomBytes(4).toString("hex")}`;
  const template = `${prefix}_template`;
  const created: string[] = [template];
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE ${template}`));
  await applyMigrations(databaseUrl(serverUrl, template));
  return {
    async create(label) {
      const name = `${prefix}_${label}`;
      await admin(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      created.push(name);
      return databaseUrl(serverUrl, name);
    },
    async dropAll() {
      await admin(serverUrl, async (client) => {
        for (const name of created.reverse()) {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      });
    },
  };
}
