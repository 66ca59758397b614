"use client";

import {
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatUtc } from "@/components/format/format-utc";
import { phaseColor, phaseLabel } from "@/components/theme/palette";

import { ChartTooltip } from "./chart-tooltip";
import styles from "./chart.module.css";
import { buildPhaseChartData, type PhaseInput, type PhasePoint } from "./phase-chart-data";

const LANE_HEIGHT = 26;
const AXIS_HEIGHT = 28;

interface PhaseChartProps {
  phases: PhaseInput[];
  thresholdCrossedAt: string | null;
  containedAt: string | null;
}

/** Signals over time, one lane per phase, with the threshold and containment times marked. */
export function PhaseChart({ phases, thresholdCrossedAt, containedAt }: PhaseChartProps) {
  const data = buildPhaseChartData(phases);
  if (data.points.length === 0) {
    return null;
  }
  const height = data.lanes.length * LANE_HEIGHT + AXIS_HEIGHT + 12;
  return (
    <div className={styles.chart} style={{ height }} aria-label="Signals over time by phase" role="img">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#1d252f" vertical={false} />
          <XAxis
            type="number"
            dataKey="time"
            domain={data.domain}
            scale="time"
            ticks={data.ticks}
            interval={0}
            tickFormatter={(time: number) => formatUtc(new Date(time).toISOString()).slice(data.dayTicks ? 5 : 11, data.dayTicks ? 10 : 16)}
            stroke="#5d6a79"
            tick={{ fontSize: 11, fontFamily: "var(--font-mono)" }}
            height={AXIS_HEIGHT}
          />
          <YAxis
            type="number"
            dataKey="lane"
            domain={[-0.5, data.lanes.length - 0.5]}
            ticks={data.lanes.map((_, index) => index)}
            reversed
            interval={0}
            tickFormatter={(lane: number) => phaseLabel(data.lanes[lane] ?? "")}
            width={150}
            stroke="#5d6a79"
            tick={{ fontSize: 11 }}
          />
          <Tooltip
            cursor={false}
            isAnimationActive={false}
            content={({ active, payload }) => <PointTooltip active={active} point={payload?.[0]?.payload} />}
          />
          {thresholdCrossedAt ? (
            <ReferenceLine
              x={Date.parse(thresholdCrossedAt)}
              stroke="#ff4d5e"
              strokeDasharray="4 3"
              label={{ value: "threshold", position: "insideTopRight", fill: "#ff4d5e", fontSize: 10 }}
            />
          ) : null}
          {containedAt ? (
            <ReferenceLine
              x={Date.parse(containedAt)}
              stroke="#3fb950"
              strokeDasharray="4 3"
              label={{ value: "contained", position: "insideTopRight", fill: "#3fb950", fontSize: 10 }}
            />
          ) : null}
          <Scatter data={data.points} isAnimationActive={false}>
            {data.points.map((point) => (
              <Cell key={`${point.ruleId}-${point.at}-${point.lane}`} fill={phaseColor(point.phase)} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}

function PointTooltip({ active, point }: { active?: boolean; point?: PhasePoint }) {
  if (!active || !point) {
    return null;
  }
  return (
    <ChartTooltip
      title={point.eventName ?? point.ruleId}
      color={phaseColor(point.phase)}
      rows={[
        ["Phase", phaseLabel(point.phase)],
        ["Time", `${formatUtc(point.at)} UTC`],
        ["Rule", point.ruleId],
        ["Source", point.source],
      ]}
    />
  );
}
