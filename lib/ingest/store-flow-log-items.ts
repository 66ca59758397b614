import { createHash } from "node:crypto";
import { toJsonbParameter } from "@/lib/db/sanitize-text";

import type { PoolClient } from "pg";

import { inTransaction } from "@/lib/db/client";
import type { FlowLogItem, FlowLogStats, FlowRecord } from "@/lib/sources/vpcflow/types";

import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { PartialFileError } from "./partial-file-error";
import { refreshGrownTables } from "./refresh-planner-statistics";
import { storeRejections } from "./store-rejections";
import type { Rejection } from "./types";

const MAX_CHUNK_ROWS = 2_000;

interface FlowRow {
  natural_id: string;
  account_id: string | null;
  interface_id: string | null;
  src_addr: string | null;
  dst_addr: string | null;
  src_port: number | null;
  dst_port: number | null;
  protocol: number | null;
  packets: number | null;
  bytes: number | null;
  start: string;
  end: string;
  action: string | null;
  log_status: string;
  fields: FlowRecord;
  batch_id: string;
  file_id: string;
  line_number: number;
  raw: string;
}

/**
 * A flow record has no id of its own. Two lines with the same tokens describe
 * the same flow in the same capture window, so the normalised line, scoped by
 * account and interface, is its natural key.
 */
function flowNaturalId(record: FlowRecord, raw: string): string {
  const tokens = raw.trim().split(/\s+/).join(" ");
  return createHash("sha256").update(`${record.accountId}|${record.interfaceId}|${tokens}`).digest("hex").slice(0, 40);
}

function toRow(record: FlowRecord, raw: string, index: number, context: FileIngestContext): FlowRow | null {
  if (!record.start || !record.end) {
    return null;
  }
  return {
    natural_id: flowNaturalId(record, raw),
    account_id: record.accountId,
    interface_id: record.interfaceId,
    src_addr: record.srcAddr,
    dst_addr: record.dstAddr,
    src_port: record.srcPort,
    dst_port: record.dstPort,
    protocol: record.protocol,
    packets: record.packets,
    bytes: record.bytes,
    start: record.start.toISOString(),
    end: record.end.toISOString(),
    action: record.action,
    log_status: record.logStatus ?? "OK",
    fields: record,
    batch_id: context.batchId,
    file_id: context.fileId,
    line_number: index + 1,
    raw,
  };
}

async function storeFlowRows(client: PoolClient, rows: FlowRow[]): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const result = await client.query(
    `INSERT INTO flow_records (natural_id, account_id, interface_id, src_addr, dst_addr, src_port, dst_port, protocol,
       packets, bytes, start, "end", action, log_status, fields, batch_id, file_id, line_number, raw)
     SELECT natural_id, account_id, interface_id, src_addr::inet, dst_addr::inet, src_port, dst_port, protocol,
       packets, bytes, start, "end", action, log_status, fields, batch_id::uuid, file_id::uuid, line_number, raw
     FROM jsonb_to_recordset($1::jsonb) AS r(natural_id text, account_id text, interface_id text, src_addr text,
       dst_addr text, src_port int, dst_port int, protocol int, packets bigint, bytes bigint, start timestamptz,
       "end" timestamptz, action text, log_status text, fields jsonb, batch_id text, file_id text, line_number int, raw text)
     ON CONFLICT (natural_id) DO NOTHING`,
    [toJsonbParameter(rows)],
  );
  return result.rowCount ?? 0;
}

/** Collects the flow rows and rejections of one file and commits them in chunks. */
class FlowChunkWriter {
  readonly counts: FileCounts = { records: 0, inserted: 0, duplicates: 0, rejected: 0 };
  private rows: FlowRow[] = [];
  private rejections: Rejection[] = [];

  constructor(private readonly context: FileIngestContext) {}

  async add(item: FlowLogItem): Promise<void> {
    this.counts.records += 1;
    const row = item.type === "flow" ? toRow(item.record, item.raw, item.index, this.context) : null;
    if (row) {
      this.rows.push(row);
    } else {
      this.counts.rejected += 1;
      this.rejections.push(
        item.type === "reject"
          ? item.rejection
          : { recordIndex: item.index, field: "start", reason: "flow record has no start or end time", raw: Buffer.from(item.raw) },
      );
    }
    if (this.rows.length + this.rejections.length >= MAX_CHUNK_ROWS) {
      await this.flush();
    }
  }

  /** Commits what is pending; a chunk that fails to commit is dropped, not retried. */
  async flush(): Promise<void> {
    const rows = this.rows;
    const rejections = this.rejections;
    this.rows = [];
    this.rejections = [];
    if (rows.length === 0 && rejections.length === 0) {
      return;
    }
    const { batchId, fileId, label } = this.context;
    const inserted = await inTransaction(async (client) => {
      const stored = await storeFlowRows(client, rows);
      await storeRejections(client, { batchId, fileId, path: label }, rejections);
      return stored;
    });
    this.counts.inserted += inserted;
    this.counts.duplicates += rows.length - inserted;
    await refreshGrownTables();
  }
}

/**
 * Stores parsed flow records in chunks, each committed with its rejections in
 * one transaction. When the items fail part-way (a truncated gzip file), the
 * records read before the failure are stored, and the error is re-thrown as a
 * PartialFileError with their counts.
 */
export async function storeFlowLogItems(options: {
  context: FileIngestContext;
  items: AsyncIterable<FlowLogItem>;
  stats: FlowLogStats;
}): Promise<FileCounts> {
  const writer = new FlowChunkWriter(options.context);
  let failure: unknown = null;
  try {
    for await (const item of options.items) {
      await writer.add(item);
    }
  } catch (error) {
    failure = error;
  }
  await writer.flush();
  const counts = { ...writer.counts, nodata: options.stats.nodata, skipdata: options.stats.skipdata };
  if (failure !== null) {
    throw new PartialFileError(failure, counts);
  }
  return counts;
}
