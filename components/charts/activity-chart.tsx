"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  type DotItemDotProps,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { ChartTooltip } from "./chart-tooltip";
import styles from "./chart.module.css";
import {
  type ActivityBucketInput,
  type ActivityPoint,
  buildActivityChartData,
  describeBucket,
  formatActivityTick,
} from "./activity-chart-data";

const SUCCEEDED_COLOR = "#4ea1ff";
const FAILED_COLOR = "#ff8a3d";
const SIGNAL_COLOR = "#ff4d5e";

interface ActivityChartProps {
  buckets: ActivityBucketInput[];
  bucketMs: number;
  label: string;
}

/** Events per time bucket, failed calls stacked on succeeded ones, with the signal count as a line. */
export function ActivityChart({ buckets, bucketMs, label }: ActivityChartProps) {
  const data = buildActivityChartData(buckets);
  if (data.length === 0) {
    return <p className={styles.empty}>No events stored.</p>;
  }
  return (
    <div className={styles.chart} style={{ height: 180 }} aria-label={label} role="img">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid stroke="#1d252f" vertical={false} />
          <XAxis
            dataKey="time"
            tickFormatter={(time: number) => formatActivityTick(time, bucketMs)}
            stroke="#5d6a79"
            tick={{ fontSize: 11, fontFamily: "var(--font-mono)" }}
            minTickGap={24}
          />
          <YAxis yAxisId="events" allowDecimals={false} width={40} stroke="#5d6a79" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="signals" orientation="right" allowDecimals={false} hide />
          <Tooltip
            cursor={{ fill: "rgb(255 255 255 / 4%)" }}
            isAnimationActive={false}
            content={({ active, payload }) => (
              <BucketTooltip active={active} point={payload?.[0]?.payload as ActivityPoint | undefined} bucketMs={bucketMs} />
            )}
          />
          <Bar yAxisId="events" dataKey="succeeded" stackId="events" fill={SUCCEEDED_COLOR} isAnimationActive={false} />
          <Bar yAxisId="events" dataKey="failed" stackId="events" fill={FAILED_COLOR} isAnimationActive={false} />
          <Line
            yAxisId="signals"
            dataKey="signals"
            stroke={SIGNAL_COLOR}
            strokeWidth={0}
            dot={SignalDot}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <div className={styles.legend} aria-hidden="true">
        <span><i style={{ background: SUCCEEDED_COLOR }} /> succeeded</span>
        <span><i style={{ background: FAILED_COLOR }} /> failed</span>
        <span><i className={styles.round} style={{ background: SIGNAL_COLOR }} /> signals</span>
      </div>
    </div>
  );
}

/** Marks buckets with signals; a bucket without any gets no dot. */
function SignalDot(props: DotItemDotProps) {
  const point = props.payload as ActivityPoint | undefined;
  if (!point || point.signals === 0) {
    return <g key={props.key ?? undefined} />;
  }
  return <circle key={props.key ?? undefined} cx={props.cx} cy={props.cy} r={4} fill={SIGNAL_COLOR} />;
}

function BucketTooltip(props: { active?: boolean; point?: ActivityPoint; bucketMs: number }) {
  const { active, point, bucketMs } = props;
  if (!active || !point) {
    return null;
  }
  return (
    <ChartTooltip
      title={describeBucket(point.start, bucketMs)}
      color={point.signals > 0 ? SIGNAL_COLOR : SUCCEEDED_COLOR}
      rows={[
        ["Events", String(point.succeeded + point.failed)],
        ["Failed", String(point.failed)],
        ["Signals", String(point.signals)],
      ]}
    />
  );
}
