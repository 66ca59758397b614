/**
 * An autonomous system that announces an address. This file has no Node.js
 * imports, so that pages can format records the server looked up.
 */
export interface AsnRecord {
  asn: number;
  organization: string;
  /** True when the ASN is one of Amazon's (see AMAZON_ASNS in lookup-asn.ts). */
  awsOwned: boolean;
}

/** Returns the `asn` baseline value of an ASN, such as `AS16509`. */
export function asnValue(asn: number): string {
  return `AS${asn}`;
}

/** Formats an ASN as people read it: `AS16509 Amazon.com, Inc.`. */
export function formatAsn(record: AsnRecord): string {
  return `${asnValue(record.asn)} ${record.organization}`;
}

/** Returns the label of an AWS-owned address, `AWS-owned (AS16509 Amazon.com, Inc.)`, or null for other owners. */
export function awsOwnedLabel(record: AsnRecord): string | null {
  return record.awsOwned ? `AWS-owned (${formatAsn(record)})` : null;
}

/** Returns the owner of an address as pages show it: the AWS-owned label, or else the ASN and organization. */
export function addressOwnerLabel(record: AsnRecord): string {
  return awsOwnedLabel(record) ?? formatAsn(record);
}
