import type { ChartRow, ChartSeries } from "./chart-data";
import { ChartTooltip } from "./chart-tooltip";

interface SeriesTooltipProps {
  active?: boolean;
  row?: ChartRow;
  series: ChartSeries[];
  formatValue: (value: number) => string;
}

/** Recharts tooltip content for multi-series charts, drawn with the shared tooltip box. */
export function SeriesTooltip({ active, row, series, formatValue }: SeriesTooltipProps) {
  if (!active || !row) {
    return null;
  }
  const rows = series.map((item): [string, string] => {
    const value = row[item.key];
    return [item.label, typeof value === "number" ? formatValue(value) : "no data"];
  });
  return <ChartTooltip title={row.label} color={series[0]?.color ?? "#8593a3"} rows={rows} />;
}
