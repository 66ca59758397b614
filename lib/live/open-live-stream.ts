import type { Logger } from "@/lib/log";

import type { LiveChange } from "./live-change";
import { type LiveListener, liveListener } from "./live-listener";

export interface OpenLiveStreamOptions {
  /** Aborts when the client goes away; the stream then closes. */
  signal: AbortSignal;
  log: Logger;
  /** Interval of the comment lines that keep proxies from closing an idle stream. */
  heartbeatMs?: number;
  listener?: LiveListener;
}

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const CLIENT_RETRY_MS = 3_000;

const encoder = new TextEncoder();

/** Formats one Server-Sent Events message. */
export function formatServerSentEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Opens a Server-Sent Events stream that forwards every LiveChange as a
 * `change` event. It starts with a `ready` event, sends a comment line every
 * heartbeatMs, and unsubscribes when the client aborts or cancels.
 */
export function openLiveStream(options: OpenLiveStreamOptions): ReadableStream<Uint8Array> {
  const listener = options.listener ?? liveListener();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let cleanup = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (!closed) {
          controller.enqueue(encoder.encode(text));
        }
      };
      const unsubscribe = listener.subscribe((change: LiveChange) => send(formatServerSentEvent("change", change)));
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      cleanup = () => {
        if (closed) {
          return;
        }
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        options.signal.removeEventListener("abort", onAbort);
        options.log.debug({ subscribers: listener.subscriberCount }, "live stream closed");
      };
      const onAbort = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed because the reader cancelled first.
        }
      };
      options.signal.addEventListener("abort", onAbort);
      send(`retry: ${CLIENT_RETRY_MS}\n\n`);
      send(formatServerSentEvent("ready", { at: new Date().toISOString() }));
      options.log.debug({ subscribers: listener.subscriberCount }, "live stream opened");
      if (options.signal.aborted) {
        onAbort();
      }
    },
    cancel() {
      cleanup();
    },
  });
}
