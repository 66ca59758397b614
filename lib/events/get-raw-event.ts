import { z } from "zod";

import { db } from "@/lib/db/client";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import type { SourceName } from "@/lib/ingest/types";

/** Sources whose records are stored with their raw bytes. */
export const RAW_EVENT_SOURCES = [
  "cloudtrail",
  "guardduty",
  "vpcflow",
  "accessAdvisor",
] as const satisfies readonly SourceName[];

/** A record's key as it appears in a URL: `/events/<source>/<naturalId>`. */
export const rawEventKeySchema = z.object({
  source: z.enum(RAW_EVENT_SOURCES),
  // Stored ids never contain NUL (PostgreSQL text cannot), so such a request cannot match.
  naturalId: z.string().min(1).max(1024).regex(/^[^\u0000]+$/, "must not contain NUL characters"),
});

export type RawEventKey = z.infer<typeof rawEventKeySchema>;

/** Where one copy of a record was read from. */
export interface RawEventDelivery {
  batchId: string;
  fileId: string | null;
  /** `ingest_files.path`; null for a request body or when the file is not recorded. */
  filePath: string | null;
  /** Zero-based position of the record in its file. */
  recordIndex: number | null;
  ingestedAt: string | null;
}

/** One stored version of a GuardDuty finding. */
export interface FindingVersionSummary {
  updatedAt: string;
  count: number;
  severity: number;
  batchId: string;
}

export interface RawEvent {
  source: string;
  naturalId: string;
  eventTime: string | null;
  eventName: string | null;
  /** The record's bytes as delivered, decoded as UTF-8. */
  raw: string;
  byteLength: number;
  /** False when the bytes are not valid UTF-8, so `raw` shows replacement characters. */
  validUtf8: boolean;
  /** The delivery the stored row came from. */
  provenance: RawEventDelivery;
  /** Later copies of the same record (another trail, EventBridge, a file delivered twice). */
  deliveries: RawEventDelivery[];
  /** Every stored version of a GuardDuty finding, newest first; empty for other sources. */
  findingVersions: FindingVersionSummary[];
}

interface StoredRecord {
  bytes: Buffer;
  detail: Omit<RawEvent, "raw" | "byteLength" | "validUtf8">;
}

/**
 * Returns a stored record's exact text with where it came from. For a
 * GuardDuty finding stored in more than one version, the newest version is
 * returned with the list of versions. Returns null when nothing is stored
 * under the key.
 */
export async function getRawEvent(key: RawEventKey): Promise<RawEvent | null> {
  const record = await loadStoredRecord(key);
  if (!record) {
    return null;
  }
  const { text, valid } = decodeUtf8(record.bytes);
  return { ...record.detail, raw: text, byteLength: record.bytes.length, validUtf8: valid };
}

/** Returns a stored record's exact bytes as delivered, or null when nothing is stored under the key. */
export async function getRawEventBytes(key: RawEventKey): Promise<Buffer | null> {
  const record = await loadStoredRecord(key);
  return record?.bytes ?? null;
}

async function loadStoredRecord(key: RawEventKey): Promise<StoredRecord | null> {
  const fromEvents = await loadEventRecord(key);
  if (key.source !== "guardduty") {
    return fromEvents;
  }
  const fromFinding = await loadFindingRecord(key.naturalId);
  if (!fromEvents || !fromFinding) {
    return fromEvents ?? fromFinding;
  }
  if (fromFinding.detail.findingVersions.length < 2) {
    return fromEvents;
  }
  // A finding sent again in a newer version: its newest version is shown, and
  // every file the finding arrived in is listed as a delivery.
  return {
    bytes: fromFinding.bytes,
    detail: {
      ...fromEvents.detail,
      provenance: fromFinding.detail.provenance,
      deliveries: [fromEvents.detail.provenance, ...fromEvents.detail.deliveries],
      findingVersions: fromFinding.detail.findingVersions,
    },
  };
}

async function loadEventRecord(key: RawEventKey): Promise<StoredRecord | null> {
  const event = await db().event.findUnique({
    where: { source_naturalId: { source: key.source, naturalId: key.naturalId } },
    select: {
      eventTime: true,
      ingestedAt: true,
      eventName: true,
      batchId: true,
      fileId: true,
      recordIndex: true,
      rawCodec: true,
      raw: true,
    },
  });
  if (!event) {
    return null;
  }
  const further = await db().eventDelivery.findMany({
    where: { source: key.source, naturalId: key.naturalId },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
  });
  const paths = await loadFilePaths([event.fileId, ...further.map((delivery) => delivery.fileId)]);
  const delivery = (row: { batchId: string; fileId: string | null; recordIndex: number }, at: Date) => ({
    batchId: row.batchId,
    fileId: row.fileId,
    filePath: row.fileId ? (paths.get(row.fileId) ?? null) : null,
    recordIndex: row.recordIndex,
    ingestedAt: at.toISOString(),
  });
  return {
    bytes: decodeRaw(event.rawCodec, event.raw),
    detail: {
      source: key.source,
      naturalId: key.naturalId,
      eventTime: event.eventTime.toISOString(),
      eventName: event.eventName,
      provenance: delivery(event, event.ingestedAt),
      deliveries: further.map((row) => delivery(row, row.receivedAt)),
      findingVersions: [],
    },
  };
}

async function loadFindingRecord(findingId: string): Promise<StoredRecord | null> {
  const finding = await db().finding.findUnique({
    where: { id: findingId },
    select: {
      type: true,
      eventFirstSeen: true,
      versions: { orderBy: [{ updatedAt: "desc" }, { count: "desc" }, { id: "desc" }] },
    },
  });
  const newest = finding?.versions[0];
  if (!finding || !newest) {
    return null;
  }
  return {
    bytes: decodeRaw(newest.rawCodec, newest.raw),
    detail: {
      source: "guardduty",
      naturalId: findingId,
      eventTime: finding.eventFirstSeen?.toISOString() ?? null,
      eventName: finding.type,
      // NOTE: finding versions record their batch but not their file or position in it.
      provenance: { batchId: newest.batchId, fileId: null, filePath: null, recordIndex: null, ingestedAt: null },
      deliveries: [],
      findingVersions: finding.versions.map((version) => ({
        updatedAt: version.updatedAt.toISOString(),
        count: version.count,
        severity: version.severity,
        batchId: version.batchId,
      })),
    },
  };
}

async function loadFilePaths(fileIds: Array<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(fileIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) {
    return new Map();
  }
  const files = await db().ingestFile.findMany({
    where: { id: { in: ids } },
    select: { id: true, path: true },
  });
  return new Map(files.map((file) => [file.id, file.path]));
}

function decodeUtf8(bytes: Buffer): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), valid: false };
  }
}
