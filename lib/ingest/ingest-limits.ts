import { readNumberSetting } from "@/lib/detect/read-detection-settings";

import { DEFAULT_MAX_DECOMPRESSED_BYTES } from "./open-input";

/** Default largest request body `POST /api/ingest` accepts. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * Largest decompressed size of one input, from WATCHFLOOR_MAX_DECOMPRESSED_BYTES
 * (default 4 GiB). It stops gzip bombs: a few kilobytes that inflate to terabytes.
 */
export function maxDecompressedBytes(env = process.env): number {
  return readNumberSetting("WATCHFLOOR_MAX_DECOMPRESSED_BYTES", DEFAULT_MAX_DECOMPRESSED_BYTES, "bytes", env);
}

/** Largest request body of the ingest routes, as sent, from WATCHFLOOR_INGEST_MAX_BODY_BYTES (default 256 MiB). */
export function maxIngestBodyBytes(env = process.env): number {
  return readNumberSetting("WATCHFLOOR_INGEST_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, "bytes", env);
}
