import pg from "pg";

import { logger } from "@/lib/log";

import { LIVE_CHANNEL, type LiveChange, parseLiveChange } from "./live-change";

export type LiveSubscriber = (change: LiveChange) => void;

export interface LiveListenerOptions {
  /** Database to listen on; DATABASE_URL when unset, read at each connection attempt. */
  connectionString?: () => string | undefined;
  /** First reconnection delay; doubled after each failure up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** How long the connection stays open after the last subscriber left. */
  idleCloseMs?: number;
}

const log = logger.child({ component: "live-listener" });

/**
 * Holds one LISTEN connection for the whole process and passes each
 * notification to every subscriber. The connection is a dedicated client,
 * not one from the pool, because LISTEN lasts as long as the session. It is
 * opened by the first subscriber, reopened with backoff when it fails, and
 * closed a while after the last subscriber leaves.
 */
export class LiveListener {
  private readonly subscribers = new Set<LiveSubscriber>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private failures = 0;
  private readonly options: Required<LiveListenerOptions>;

  constructor(options: LiveListenerOptions = {}) {
    this.options = {
      connectionString: options.connectionString ?? (() => process.env.DATABASE_URL),
      minRetryMs: options.minRetryMs ?? 1_000,
      maxRetryMs: options.maxRetryMs ?? 30_000,
      idleCloseMs: options.idleCloseMs ?? 30_000,
    };
    this.retryMs = this.options.minRetryMs;
  }

  /** Adds a subscriber and returns the function that removes it. */
  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    this.clearIdleTimer();
    this.ensureConnected();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) {
        this.idleTimer = setTimeout(() => void this.close(), this.options.idleCloseMs);
        this.idleTimer.unref();
      }
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** True while the LISTEN connection is open. */
  get connected(): boolean {
    return this.client !== null;
  }

  /** Resolves once the LISTEN connection is open; for tests and start-up checks. */
  async ready(): Promise<void> {
    this.ensureConnected();
    while (this.client === null) {
      await (this.connecting ?? new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }

  /** Closes the connection and cancels any reconnection; subscribers stay registered. */
  async close(): Promise<void> {
    this.clearIdleTimer();
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const client = this.client;
    this.client = null;
    if (client !== null) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      log.info("live listener closed");
    }
  }

  private ensureConnected(): void {
    if (this.client === null && this.connecting === null && this.retryTimer === null) {
      this.connecting = this.connect().finally(() => {
        this.connecting = null;
      });
    }
  }

  /** Opens a client and runs LISTEN on it; a client that fails is closed before the error is thrown. */
  private async openClient(): Promise<pg.Client> {
    const connectionString = this.options.connectionString();
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set");
    }
    const client = new pg.Client({ connectionString, keepAlive: true });
    client.on("error", (error) => this.handleLoss(client, error));
    client.on("end", () => this.handleLoss(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      return client;
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private async connect(): Promise<void> {
    let client: pg.Client;
    try {
      client = await this.openClient();
    } catch (error) {
      this.scheduleReconnect(error);
      return;
    }
    client.on("notification", (message) => {
      const change = parseLiveChange(message.payload);
      if (change === null) {
        log.warn({ payload: message.payload?.slice(0, 200) }, "ignored a malformed change notification");
        return;
      }
      this.broadcast(change);
    });
    this.client = client;

    const recovered = this.failures > 0;
    this.failures = 0;
    this.retryMs = this.options.minRetryMs;
    log.info({ channel: LIVE_CHANNEL, recovered }, "live listener connected");
    if (recovered) {
      // Notifications sent while the connection was down are lost.
      this.broadcast({ kind: "resync", batchId: null, incidentIds: null });
    }
  }

  private handleLoss(client: pg.Client, error: Error | null): void {
    if (this.client !== client) {
      return;
    }
    this.client = null;
    client.removeAllListeners();
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
    this.scheduleReconnect(error ?? new Error("connection ended"));
  }

  private scheduleReconnect(error: unknown): void {
    this.failures += 1;
    if (this.subscribers.size === 0) {
      log.info({ err: error }, "live listener connection lost with no subscribers; not reconnecting");
      return;
    }
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs);
    log.warn({ err: error, retryInMs: delay, failures: this.failures }, "live listener connection failed; retrying");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ensureConnected();
    }, delay);
    this.retryTimer.unref();
  }

  private broadcast(change: LiveChange): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(change);
      } catch (error) {
        log.error({ err: error }, "live subscriber failed on a change; it stays subscribed");
      }
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }
}

const globalForLive = globalThis as unknown as { watchfloorLiveListener?: LiveListener };

/** Returns the process-wide listener, kept on globalThis so that reloaded modules share it. */
export function liveListener(): LiveListener {
  globalForLive.watchfloorLiveListener ??= new LiveListener();
  return globalForLive.watchfloorLiveListener;
}
