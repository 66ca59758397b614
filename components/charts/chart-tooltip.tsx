import styles from "./chart.module.css";

interface ChartTooltipProps {
  title: string;
  color: string;
  rows: Array<[label: string, value: string]>;
}

/** The tooltip box every chart uses. */
export function ChartTooltip({ title, color, rows }: ChartTooltipProps) {
  return (
    <div className={styles.tooltip}>
      <div className={styles.tooltipTitle}>
        <span className={styles.swatch} style={{ background: color }} aria-hidden="true" />
        {title}
      </div>
      <dl className={styles.tooltipRows}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
