"use client";

import { useLiveUpdates } from "./use-live-updates";

/** Keeps the page's data current through the live stream; renders nothing. */
export function LiveUpdates() {
  useLiveUpdates();
  return null;
}
