import { disconnect } from "@/lib/db/client";
import { resolveDataDir } from "@/lib/db/data-dir";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/log";

export interface DatabaseSession {
  url: string;
  embedded: boolean;
  /** Names of the migrations this session applied, oldest first. */
  appliedMigrations: string[];
  close: () => Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data
 * folder when it is unset, applies pending migrations, and points DATABASE_URL
 * at the result for the rest of the process.
 */
export async function openDatabaseSession(): Promise<DatabaseSession> {
  const configured = process.env.DATABASE_URL;
  let url = configured ?? "";
  let stopEmbedded = async () => undefined as void;
  if (!configured) {
    const embedded = await startEmbeddedPostgres({ dataDir: resolveDataDir() });
    url = embedded.url;
    // A command that attached to this server meanwhile keeps it running.
    stopEmbedded = () => embedded.stop({ keepIfInUse: true });
  }
  let appliedMigrations: string[];
  try {
    appliedMigrations = await applyMigrations(url);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  process.env.DATABASE_URL = url;
  return {
    url,
    embedded: !configured,
    appliedMigrations,
    close: async () => {
      await disconnect();
      await stopEmbedded();
      logger.debug("database session closed");
    },
  };
}

/** Runs `action` inside a database session and always closes it. */
export async function withDatabaseSession<T>(action: (session: DatabaseSession) => Promise<T>): Promise<T> {
  const session = await openDatabaseSession();
  try {
    return await action(session);
  } finally {
    await session.close();
  }
}
