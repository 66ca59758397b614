"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ChartData, ChartRow } from "./chart-data";
import { ChartFrame } from "./chart-frame";
import { SeriesTooltip } from "./series-tooltip";

interface RankedBarChartProps {
  title: string;
  description?: string;
  data: ChartData;
  xLabel: string;
  empty: string | null;
}

const AXIS = { stroke: "#5d6a79", tick: { fontSize: 11 } };

/** Horizontal bars, largest first: a top-N list such as the principals with the most signals. */
export function RankedBarChart(props: RankedBarChartProps) {
  const format = (value: number) => value.toLocaleString("en-US");
  const { rows, series } = props.data;
  const [first] = series;
  return (
    <ChartFrame {...props} series={series} legend={series.slice(0, 1)} rows={rows} formatValue={format}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#1d252f" horizontal={false} />
          <XAxis type="number" {...AXIS} allowDecimals={false} />
          <YAxis type="category" dataKey="label" {...AXIS} width={150} interval={0} />
          <Tooltip
            cursor={{ fill: "rgb(255 255 255 / 4%)" }}
            isAnimationActive={false}
            content={({ active, payload }) => (
              <SeriesTooltip active={active} row={payload?.[0]?.payload as ChartRow | undefined} series={series} formatValue={format} />
            )}
          />
          {first ? <Bar dataKey={first.key} name={first.label} fill={first.color} isAnimationActive={false} /> : null}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
