import { get } from "@/lib/sources/common/json-fields";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { eventLink, formatTime, plural } from "../format-evidence";
import type { ActivityEvent, ChecklistContext } from "../load-checklist-context";
import { loadConsoleLogins } from "./load-console-logins";

type Authentication = "long-term key" | "session with MFA" | "session without MFA" | "unknown";

/**
 * Returns how a call was authenticated. Calls signed with a long-term key (AKIA…)
 * never carry MFA; session calls carry
 * userIdentity.sessionContext.attributes.mfaAuthenticated (CloudTrail
 * userIdentity element reference).
 */
export function authenticationOf(event: ActivityEvent): Authentication {
  if (event.accessKeyId?.startsWith("AKIA")) {
    return "long-term key";
  }
  const mfa = get(event.record, "userIdentity", "sessionContext", "attributes", "mfaAuthenticated");
  if (mfa === "true" || mfa === true) {
    return "session with MFA";
  }
  return mfa === "false" || mfa === false ? "session without MFA" : "unknown";
}

/** Was MFA used for the activity? */
export async function checkMfa(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const calls = context.activity.filter((event) => event.eventName !== "ConsoleLogin");
  const counts = new Map<Authentication, ActivityEvent[]>();
  for (const event of calls) {
    const method = authenticationOf(event);
    counts.set(method, [...(counts.get(method) ?? []), event]);
  }
  const logins = await loadConsoleLogins(context);
  const facts = [
    ...[...counts].map(([method, events]) => ({
      label: `Calls by ${method}`,
      value: `${plural(events.length, "call")}, first at ${formatTime(events[0].eventTime)}`,
      links: [eventLink(events[0], events[0].eventName ?? "call")],
    })),
    ...logins.map((login) => ({
      label: "ConsoleLogin",
      value: `${formatTime(login.eventTime)}: MFAUsed ${login.mfaUsed ?? "not recorded"}`,
      links: [eventLink(login, "ConsoleLogin")],
    })),
  ];
  const withoutMfa = (counts.get("long-term key")?.length ?? 0) + (counts.get("session without MFA")?.length ?? 0);
  const withMfa = counts.get("session with MFA")?.length ?? 0;
  const loginWithoutMfa = logins.some((login) => login.mfaUsed === "No");
  const data = { mfaUsed: withoutMfa === 0 && !loginWithoutMfa && withMfa > 0, longTermKeyCalls: counts.get("long-term key")?.length ?? 0, mfaSessionCalls: withMfa, sessionWithoutMfaCalls: counts.get("session without MFA")?.length ?? 0, consoleLogins: logins.map((login) => ({ at: login.eventTime.toISOString(), mfaUsed: login.mfaUsed })) };
  const question = "Was MFA used?";
  if (withoutMfa > 0 || loginWithoutMfa) {
    const longTerm = counts.get("long-term key")?.length ?? 0;
    const reason = longTerm > 0 ? `${plural(longTerm, "call")} signed with a long-term access key, which never carries MFA` : "the session was opened without MFA";
    return yesNoItem({
      id: "mfa",
      question,
      evidence: { facts },
      data,
      suggested: { value: "no", indicates: "compromise", text: `No: ${reason}.` },
      alternative: { indicates: "legitimate", text: "Yes: the caller proved MFA in a way these logs do not show." },
    });
  }
  if (withMfa === 0) {
    return yesNoItem({
      id: "mfa",
      question,
      evidence: { facts: facts.length > 0 ? facts : [{ label: "Calls", value: "no call records authentication", links: [] }] },
      data,
      suggested: { value: "unknown", indicates: "neutral", text: "Unknown: the calls do not record whether MFA was used." },
      alternative: { value: "no", indicates: "compromise", text: "No: MFA was not used." },
    });
  }
  return yesNoItem({
    id: "mfa",
    question,
    evidence: { facts },
    data,
    suggested: { value: "yes", indicates: "legitimate", text: `Yes: all ${plural(withMfa, "call")} came from a session authenticated with MFA.` },
    alternative: { indicates: "compromise", text: "No: the MFA device itself is in doubt." },
  });
}
