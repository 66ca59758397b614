import { cpus, loadavg, totalmem } from "node:os";

import pg from "pg";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
}

/** Reads the machine the figures were measured on, without which they mean little. */
export async function readMachineInfo(serverUrl: string): Promise<MachineInfo> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      postgres: version.rows[0]?.server_version ?? "unknown",
    };
  } finally {
    await client.end();
  }
}

/** One-minute load average: other work on the machine skews every rate. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}

/** Bytes of WAL the server has written so far, to diff around a load. */
export async function readWalPosition(databaseUrl: string): Promise<bigint> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ bytes: string }>("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn AS bytes");
    return BigInt(result.rows[0]?.bytes ?? "0");
  } finally {
    await client.end();
  }
}
