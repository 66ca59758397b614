import type { ChartSeries } from "./chart-data";
import styles from "./chart-frame.module.css";

/** Draws the legend every chart uses: one swatch and label per series. */
export function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {series.map((item) => (
        <li key={item.key}>
          <span className={styles.legendSwatch} style={{ background: item.color }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
