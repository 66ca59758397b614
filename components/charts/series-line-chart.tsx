"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ChartData, ChartRow } from "./chart-data";
import { ChartFrame } from "./chart-frame";
import { SeriesTooltip } from "./series-tooltip";

interface SeriesLineChartProps {
  title: string;
  description?: string;
  data: ChartData;
  xLabel: string;
  yLabel?: string;
  empty: string | null;
  formatValue?: (value: number) => string;
}

const AXIS = { stroke: "#5d6a79", tick: { fontSize: 11 } };

/**
 * Lines over time, one per series. A null value breaks the line, so a bucket
 * without data reads as a gap; a point with no neighbours is drawn as a dot.
 */
export function SeriesLineChart(props: SeriesLineChartProps) {
  const format = props.formatValue ?? ((value: number) => value.toLocaleString("en-US"));
  const { rows, series } = props.data;
  return (
    <ChartFrame {...props} series={series} rows={rows} formatValue={format}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#1d252f" vertical={false} />
          <XAxis dataKey="label" {...AXIS} minTickGap={24} />
          <YAxis {...AXIS} width={48} allowDecimals={false} label={props.yLabel ? { value: props.yLabel, angle: -90, position: "insideLeft", fill: "#8593a3", fontSize: 11 } : undefined} />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => (
              <SeriesTooltip active={active} row={payload?.[0]?.payload as ChartRow | undefined} series={series} formatValue={format} />
            )}
          />
          {series.map((item) => (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stroke={item.color}
              strokeWidth={1.5}
              connectNulls={false}
              isAnimationActive={false}
              dot={(dot: { cx?: number; cy?: number; index?: number }) => isolatedDot(dot, rows, item.key, item.color)}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function isolatedDot(dot: { cx?: number; cy?: number; index?: number }, rows: ChartRow[], key: string, color: string) {
  const index = dot.index ?? 0;
  const value = rows[index]?.[key];
  const isolated = typeof value === "number" && typeof rows[index - 1]?.[key] !== "number" && typeof rows[index + 1]?.[key] !== "number";
  if (!isolated || dot.cx === undefined || dot.cy === undefined) {
    return <g key={`${key}-${index}`} />;
  }
  return <circle key={`${key}-${index}`} cx={dot.cx} cy={dot.cy} r={3} fill={color} />;
}
