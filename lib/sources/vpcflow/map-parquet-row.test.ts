import { describe, expect, it } from "vitest";

import { mapParquetRow, parquetFlowColumns } from "./map-parquet-row";
import { newFlowLogStats } from "./parse-flow-log";

/** Columns as VPC Flow Logs writes them in Parquet, in the default format's order. */
const COLUMNS = [
  "version", "account_id", "interface_id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
  "packets", "bytes", "start", "end", "action", "log_status",
];

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 2,
    account_id: "111122223333",
    interface_id: "eni-0a1b2c3d4e5f60718",
    srcaddr: "10.0.1.5",
    dstaddr: "203.0.113.9",
    srcport: 49152,
    dstport: 443,
    protocol: 6n,
    packets: 12n,
    bytes: 4096n,
    start: 1709596800n,
    end: 1709596860n,
    action: "ACCEPT",
    log_status: "OK",
    ...overrides,
  };
}

describe("mapParquetRow", () => {
  const columns = parquetFlowColumns(COLUMNS)!;

  it("maps columns by name to flow fields", () => {
    const item = mapParquetRow(row(), columns, COLUMNS, { index: 4, stats: newFlowLogStats() });
    expect(item.type).toBe("flow");
    if (item.type !== "flow") {
      return;
    }
    expect(item.index).toBe(4);
    expect(item.record).toMatchObject({
      version: 2,
      accountId: "111122223333",
      interfaceId: "eni-0a1b2c3d4e5f60718",
      srcAddr: "10.0.1.5",
      dstAddr: "203.0.113.9",
      srcPort: 49152,
      dstPort: 443,
      protocol: 6,
      packets: 12,
      bytes: 4096,
      start: new Date("2024-03-05T00:00:00Z"),
      end: new Date("2024-03-05T00:01:00Z"),
      action: "ACCEPT",
      logStatus: "OK",
    });
  });

  it("gives the text line a text file would hold", () => {
    const item = mapParquetRow(row(), columns, COLUMNS, { index: 0, stats: newFlowLogStats() });
    expect(item.type).toBe("flow");
    expect(item.type === "flow" ? item.raw : null).toBe(
      "2 111122223333 eni-0a1b2c3d4e5f60718 10.0.1.5 203.0.113.9 49152 443 6 12 4096 1709596800 1709596860 ACCEPT OK",
    );
  });

  it("reads null as a missing value", () => {
    const item = mapParquetRow(row({ srcaddr: null, srcport: null, packets: null, log_status: "NODATA" }), columns, COLUMNS, {
      index: 0,
      stats: newFlowLogStats(),
    });
    expect(item.type).toBe("flow");
    const record = item.type === "flow" ? item.record : null;
    expect(record?.srcAddr).toBeNull();
    expect(record?.srcPort).toBeNull();
    expect(record?.packets).toBeNull();
    expect(record?.logStatus).toBe("NODATA");
  });

  it("counts NODATA rows", () => {
    const stats = newFlowLogStats();
    mapParquetRow(row({ log_status: "NODATA" }), columns, COLUMNS, { index: 0, stats });
    mapParquetRow(row(), columns, COLUMNS, { index: 1, stats });
    expect(stats.records).toBe(2);
    expect(stats.nodata).toBe(1);
    expect(stats.ok).toBe(1);
  });

  it("rejects a bad address with its column", () => {
    const item = mapParquetRow(row({ dstaddr: "not-an-ip" }), columns, COLUMNS, { index: 7, stats: newFlowLogStats() });
    expect(item.type).toBe("reject");
    expect(item.type === "reject" ? item.rejection : null).toMatchObject({
      recordIndex: 7,
      field: "dstaddr",
      reason: "row 8: column 'dstaddr': expected an IPv4 or IPv6 address, got 'not-an-ip'",
    });
  });

  it("rejects an unknown action with its column", () => {
    const item = mapParquetRow(row({ action: "DROP" }), columns, COLUMNS, { index: 2, stats: newFlowLogStats() });
    expect(item.type === "reject" ? item.rejection : null).toMatchObject({
      recordIndex: 2,
      field: "action",
      reason: "row 3: column 'action': expected ACCEPT, REJECT or '-', got 'DROP'",
    });
  });

  it("names a rejected column as the Parquet file spells it", () => {
    const item = mapParquetRow(row({ log_status: "PARTIAL" }), columns, COLUMNS, { index: 2, stats: newFlowLogStats() });
    expect(item.type === "reject" ? item.rejection : null).toMatchObject({
      recordIndex: 2,
      field: "log_status",
      reason: "row 3: column 'log_status': expected OK, NODATA, SKIPDATA or '-', got 'PARTIAL'",
    });
  });

  it("names a column with whitespace as the Parquet file spells it", () => {
    const item = mapParquetRow(row({ interface_id: "eni 0a1b" }), columns, COLUMNS, { index: 0, stats: newFlowLogStats() });
    expect(item.type === "reject" ? item.rejection : null).toMatchObject({
      field: "interface_id",
      reason: "row 1: column 'interface_id': unexpected whitespace in 'eni 0a1b'",
    });
  });

  it("rejects a value with whitespace", () => {
    const item = mapParquetRow(row({ action: "AC CEPT" }), columns, COLUMNS, { index: 0, stats: newFlowLogStats() });
    expect(item.type).toBe("reject");
    const rejection = item.type === "reject" ? item.rejection : null;
    expect(rejection?.field).toBe("action");
    expect(rejection?.reason).toBe("row 1: column 'action': unexpected whitespace in 'AC CEPT'");
    expect(JSON.parse(rejection?.raw?.toString() ?? "{}").packets).toBe("12");
  });
});

describe("parquetFlowColumns", () => {
  it("rejects columns that are not flow fields", () => {
    expect(parquetFlowColumns(["eventName", "eventTime", "userIdentity"])).toBeNull();
  });

  it("maps underscores to the field names", () => {
    expect(parquetFlowColumns(["account_id", "pkt_srcaddr", "flow_direction"])?.names).toEqual(["account-id", "pkt-srcaddr", "flow-direction"]);
  });
});
