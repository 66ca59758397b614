import type { CSSProperties, ReactNode } from "react";

import { phaseColor, phaseLabel, severityColor, statusColor } from "@/components/theme/palette";

import styles from "./badge.module.css";

interface BadgeProps {
  color: string;
  children: ReactNode;
  /** Lower-case text without the dot, for secondary labels. */
  quiet?: boolean;
  title?: string;
}

export function Badge({ color, children, quiet, title }: BadgeProps) {
  const style = { "--badge-color": color } as CSSProperties;
  return (
    <span className={quiet ? `${styles.badge} ${styles.quiet}` : styles.badge} style={style} title={title}>
      {quiet ? null : <span className={styles.dot} aria-hidden="true" />}
      {children}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={severityColor(severity)} title={`Severity: ${severity}`}>
      {severity}
    </Badge>
  );
}

export function PhaseBadge({ phase }: { phase: string }) {
  return (
    <Badge color={phaseColor(phase)} title={`Phase: ${phaseLabel(phase)}`}>
      {phaseLabel(phase)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={statusColor(status)} quiet title={`Status: ${status}`}>
      {status}
    </Badge>
  );
}

export function SourceBadge({ source }: { source: string }) {
  return (
    <Badge color="#5d6a79" quiet>
      {source}
    </Badge>
  );
}
