import { useSyncExternalStore } from "react";

/**
 * State of the browser's live stream: `connecting` before the first `ready`
 * event, `live` while the stream is open, `offline` while it is down (pages
 * then rely on polling).
 */
export type LiveConnectionState = "connecting" | "live" | "offline";

let state: LiveConnectionState = "connecting";
const listeners = new Set<() => void>();

export function setLiveConnectionState(next: LiveConnectionState): void {
  if (next !== state) {
    state = next;
    for (const listener of listeners) {
      listener();
    }
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Returns the live stream's state and re-renders the caller when it changes. */
export function useLiveConnection(): LiveConnectionState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => "connecting",
  );
}
