"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ChartData, ChartRow } from "./chart-data";
import { ChartFrame } from "./chart-frame";
import { SeriesTooltip } from "./series-tooltip";

interface StackedBarChartProps {
  title: string;
  description?: string;
  data: ChartData;
  xLabel: string;
  empty: string | null;
  /** Shows every category's label, wrapped at spaces, instead of leaving out those that would overlap. */
  everyLabel?: boolean;
}

const AXIS = { stroke: "#5d6a79", tick: { fontSize: 11 } };
const TICK_LINE_HEIGHT = 13;

/** Draws an x-axis label one word per line, centred under its bar. */
function WrappedTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const words = String(props.payload?.value ?? "").split(" ");
  return (
    <text x={props.x} y={props.y} textAnchor="middle" fontSize={11} style={{ fill: "var(--text-muted)" }}>
      {words.map((word, index) => (
        <tspan key={index} x={props.x} dy={index === 0 ? 16 : TICK_LINE_HEIGHT}>
          {word}
        </tspan>
      ))}
    </text>
  );
}

/** Vertical bars, one stack per category, one segment per series (severities in the shared order and colours). */
export function StackedBarChart(props: StackedBarChartProps) {
  const format = (value: number) => value.toLocaleString("en-US");
  const { rows, series } = props.data;
  return (
    <ChartFrame {...props} series={series} rows={rows} formatValue={format}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#1d252f" vertical={false} />
          {props.everyLabel ? (
            <XAxis dataKey="label" stroke={AXIS.stroke} interval={0} height={44} tick={<WrappedTick />} />
          ) : (
            <XAxis dataKey="label" {...AXIS} minTickGap={8} />
          )}
          <YAxis {...AXIS} width={40} allowDecimals={false} />
          <Tooltip
            cursor={{ fill: "rgb(255 255 255 / 4%)" }}
            isAnimationActive={false}
            content={({ active, payload }) => (
              <SeriesTooltip active={active} row={payload?.[0]?.payload as ChartRow | undefined} series={series} formatValue={format} />
            )}
          />
          {series.map((item) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} stackId="stack" fill={item.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
