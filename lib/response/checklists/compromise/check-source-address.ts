import { combinePlaceNovelty, type NoveltyResult, type NoveltyVerdict } from "@/lib/detect/check-novelty";
import { lookupCountry } from "@/lib/detect/lookup-geo";

import { type ChecklistItemDraft, type EvidenceFact, yesNoItem } from "../checklist-types";
import { eventLink, formatTime, listText } from "../format-evidence";
import type { ActivityEvent, ChecklistContext } from "../load-checklist-context";
import { loadPrincipalBaseline, networkOf, type PrincipalBaseline } from "../load-principal-baseline";

export interface AddressFinding {
  address: string;
  country: string | null;
  network: string;
  addressVerdict: NoveltyVerdict;
  networkVerdict: NoveltyVerdict;
  countryVerdict: NoveltyVerdict;
  /** New when the address is new and its network is not a known one. */
  placeVerdict: NoveltyVerdict;
  firstCall: string;
  calls: number;
}

/** Do the source address, its network or its country differ from the principal's baseline? */
export async function checkSourceAddress(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const baseline = await loadPrincipalBaseline(context, ["ip", "network", "country"]);
  const byAddress = groupByAddress(context.activity);
  const findings: AddressFinding[] = [];
  const links = new Map<string, ReturnType<typeof eventLink>>();
  for (const [address, events] of byAddress) {
    findings.push(await judgeAddress(baseline, address, events));
    links.set(address, eventLink(events[0], `first call from ${address}`));
  }
  const usual = {
    addresses: baseline.usual("ip").slice(0, 5).map((entry) => entry.value),
    networks: baseline.usual("network").slice(0, 5).map((entry) => entry.value),
    countries: baseline.usual("country").map((entry) => entry.value),
  };
  const facts: EvidenceFact[] = findings.map((finding) => ({
    label: `Address ${finding.address}`,
    value:
      `${finding.country ?? "no country"}, network ${finding.network}; address ${finding.addressVerdict}, ` +
      `network ${finding.networkVerdict}, country ${finding.countryVerdict}; ${finding.calls} calls from ${finding.firstCall}`,
    links: [links.get(finding.address)].filter((link) => link !== undefined),
  }));
  facts.push({
    label: "Baseline",
    value: `${listText(usual.addresses) || "no addresses"} (${listText(usual.countries) || "no country"}); networks ${listText(usual.networks) || "none"}`,
    links: [],
  });
  const differing = findings.filter((finding) => finding.placeVerdict === "new" || finding.countryVerdict === "new");
  const question = "Do the source address, network or country differ from the principal's baseline?";
  const data = { addresses: findings, baseline: usual };
  const baselineText = `${context.principal.name} usually calls from ${listText(usual.addresses) || "no known address"} (${listText(usual.countries) || "no country"})`;
  if (differing.length > 0) {
    const named = differing.map((finding) => `${finding.address} (${finding.country ?? "no country"})`);
    return yesNoItem({
      id: "source-address",
      question,
      evidence: { facts },
      data,
      suggested: { value: "yes", indicates: "compromise", text: `Yes: ${listText(named)} is new for ${context.principal.name}; ${baselineText}.` },
      alternative: { indicates: "legitimate", text: "No: the address is a known place of this principal." },
    });
  }
  const unknown = findings.length === 0 || findings.every((finding) => finding.placeVerdict === "not_enough_history" || finding.placeVerdict === "no_value");
  return yesNoItem({
    id: "source-address",
    question,
    evidence: { facts },
    data,
    suggested: unknown
      ? { value: "unknown", indicates: "neutral", text: `Unknown: ${findings.length === 0 ? "the activity has no source address" : `${context.principal.name} has too little history to judge`}.` }
      : { value: "no", indicates: "legitimate", text: `No: every address is known for ${context.principal.name}; ${baselineText}.` },
    alternative: { value: unknown ? "yes" : undefined, indicates: "compromise", text: "Yes: the address is not one this principal normally uses." },
  });
}

function groupByAddress(events: ActivityEvent[]): Map<string, ActivityEvent[]> {
  const groups = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    if (event.sourceIp !== null) {
      groups.set(event.sourceIp, [...(groups.get(event.sourceIp) ?? []), event]);
    }
  }
  return groups;
}

async function judgeAddress(baseline: PrincipalBaseline, address: string, events: ActivityEvent[]): Promise<AddressFinding> {
  const at = events[0].eventTime;
  const country = lookupCountry(address);
  const network = await networkOf(address);
  const result = (dimension: "ip" | "network", value: string): NoveltyResult => ({
    dimension,
    value,
    verdict: baseline.novelty(dimension, value, at),
    valueFirstSeen: null,
    principalFirstSeen: null,
  });
  const place = combinePlaceNovelty(result("ip", address), result("network", network));
  return {
    address,
    country,
    network,
    addressVerdict: place.address.verdict,
    networkVerdict: place.network.verdict,
    countryVerdict: baseline.novelty("country", country, at),
    placeVerdict: place.verdict,
    firstCall: formatTime(at),
    calls: events.length,
  };
}
