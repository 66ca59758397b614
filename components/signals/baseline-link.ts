import { principalHref } from "@/components/entities/entity-link";
import type { SignalNovelty } from "@/lib/detect/get-event-signals";

/** Path of the principal's baseline as of the judged call, with the judged value marked. */
export function baselineHref(novelty: SignalNovelty): string {
  const params = new URLSearchParams({ until: novelty.at, dimension: novelty.dimension });
  if (novelty.value !== null) {
    params.set("value", novelty.value);
  }
  return `${principalHref(novelty.principalKey)}?${params.toString()}#baseline-${novelty.dimension}`;
}

const DIMENSION_LABELS: Record<string, string> = {
  ip: "address",
  network: "network",
  asn: "ASN",
  country: "country",
  userAgent: "user agent",
  region: "region",
  service: "service",
  api: "API",
};

export function dimensionLabel(dimension: string): string {
  return DIMENSION_LABELS[dimension] ?? dimension;
}

const VERDICT_LABELS: Record<string, string> = {
  new: "new",
  known: "usual",
  not_enough_history: "not enough history",
};

export function verdictLabel(verdict: string): string {
  return VERDICT_LABELS[verdict] ?? verdict;
}
