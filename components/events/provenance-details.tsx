import { formatUtc } from "@/components/format/format-utc";

import styles from "./raw-event-view.module.css";
import type { RawEventView } from "./use-raw-event";

type Delivery = RawEventView["provenance"];

/** Where the record was read from, its further deliveries and, for a finding, its versions. */
export function ProvenanceDetails({ event }: { event: RawEventView }) {
  // A finding in several versions shows its newest version, whose file is not
  // recorded, so every file the finding arrived in is listed instead.
  const versioned = event.findingVersions.length > 1;
  return (
    <section className={styles.provenance} aria-label="Provenance">
      <h3>Provenance</h3>
      {versioned ? (
        <p className={styles.muted}>
          The newest of {event.findingVersions.length} versions of this finding, stored by batch{" "}
          <span className="mono">{event.provenance.batchId}</span>. Versions record their batch, not their file.
        </p>
      ) : (
        <DeliveryFacts delivery={event.provenance} />
      )}
      {event.deliveries.length > 0 ? (
        <>
          <h3>
            {versioned ? "Files this finding arrived in" : "Further deliveries"} ({event.deliveries.length})
          </h3>
          {event.deliveries.map((delivery, index) => (
            <DeliveryFacts key={`${delivery.batchId}-${delivery.fileId}-${index}`} delivery={delivery} />
          ))}
        </>
      ) : (
        <p className={styles.muted}>No further deliveries of this record.</p>
      )}
      {event.findingVersions.length > 0 ? <FindingVersions versions={event.findingVersions} /> : null}
    </section>
  );
}

function DeliveryFacts({ delivery }: { delivery: Delivery }) {
  return (
    <dl className={styles.facts}>
      <dt>File</dt>
      <dd className="mono">{delivery.filePath ?? "not recorded"}</dd>
      <dt>Record index</dt>
      <dd className="mono">{delivery.recordIndex ?? "not recorded"}</dd>
      <dt>Ingested (UTC)</dt>
      <dd className="mono">{delivery.ingestedAt ? formatUtc(delivery.ingestedAt, { milliseconds: true }) : "not recorded"}</dd>
      <dt>Batch</dt>
      <dd className="mono">{delivery.batchId}</dd>
    </dl>
  );
}

function FindingVersions({ versions }: { versions: RawEventView["findingVersions"] }) {
  return (
    <>
      <h3>Finding versions ({versions.length}, newest shown above)</h3>
      <table className={styles.versions}>
        <thead>
          <tr>
            <th>Updated (UTC)</th>
            <th>Count</th>
            <th>Severity</th>
            <th>Batch</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={`${version.updatedAt}-${version.count}`}>
              <td className="mono">{formatUtc(version.updatedAt, { milliseconds: true })}</td>
              <td className="mono">{version.count}</td>
              <td className="mono">{version.severity}</td>
              <td className="mono">{version.batchId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
