import styles from "./entity-page.module.css";

/**
 * Credit for the IP-to-ASN data, which DB-IP publishes under CC BY 4.0 on
 * the condition that pages showing it link to db-ip.com.
 */
export function AsnAttribution({ className }: { className?: string }) {
  return (
    <p className={className ?? styles.attribution}>
      <a href="https://db-ip.com" target="_blank" rel="noreferrer">
        IP to ASN data by DB-IP
      </a>
    </p>
  );
}
