import { formatDurationText, formatUtcSecond } from "./duration-text";
import type { PostmortemEvidence } from "./evidence/postmortem-evidence";
import { count } from "./markdown/markdown-text";

export type LessonId = "no-mfa" | "long-lived-key" | "user-for-automation" | "escalation-unnoticed" | "logging-tamper";

/** A lesson the evidence points to; the team keeps, rewords or drops it. */
export interface Lesson {
  id: LessonId;
  title: string;
  /** Evidence from the logs, with the numbers behind it. */
  finding: string;
  recommendation: string;
}

/** Long-term keys older than this are overdue for rotation, by the usual 90-day rotation rule. */
export const KEY_ROTATION_DAYS = 90;
/** Share of calls from SDKs and tools above which a user counts as used by automation. */
const AUTOMATION_SHARE = 0.95;
/** Minimum calls before a principal's usage pattern counts as evidence. */
const MIN_CALLS_FOR_USAGE = 20;
const DAY_MS = 86_400_000;
const LOGGING_EVENTS = new Set(["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteFlowLogs"]);

/** Suggests lessons learned from a postmortem's evidence, in a fixed order. */
export function suggestLessons(evidence: PostmortemEvidence): Lesson[] {
  return [
    noMfaLesson(evidence),
    ...longLivedKeyLessons(evidence),
    automationUserLesson(evidence),
    escalationUnnoticedLesson(evidence),
    ...loggingTamperLessons(evidence),
  ].filter((lesson): lesson is Lesson => lesson !== null);
}

function principalName(evidence: PostmortemEvidence): string {
  return evidence.incident.principal.name ?? evidence.incident.principal.key;
}

function noMfaLesson(evidence: PostmortemEvidence): Lesson | null {
  const { posture } = evidence;
  if (posture.principalType !== "IAMUser" || posture.mfaEvidence > 0) {
    return null;
  }
  const name = principalName(evidence);
  const signIns =
    posture.consoleLogins === 0 ? "it never signed in to the console" : `none of its ${posture.consoleLogins} console sign-ins used MFA`;
  return {
    id: "no-mfa",
    title: `No MFA on ${name}`,
    finding:
      `${count(posture.longTermKeyEvents)} of ${name}'s ${count(posture.eventsBeforeAttack)} calls before the attack were signed with a ` +
      `long-term access key, which carries no MFA, and ${signIns}. A stolen key was therefore enough to act as ${name}.`,
    recommendation:
      "Require MFA for IAM users with a policy condition on aws:MultiFactorAuthPresent for sensitive actions, " +
      "or remove the user's long-term keys.",
  };
}

function longLivedKeyLessons(evidence: PostmortemEvidence): Lesson[] {
  const attackAt = Date.parse(evidence.metrics.firstMalicious?.at ?? evidence.incident.firstSeen);
  return evidence.posture.accessKeys.flatMap((key) => {
    if (key.kind !== "long-term" || key.createdDuringIncident) {
      return [];
    }
    if (key.createdAt !== null) {
      const ageDays = Math.floor((attackAt - Date.parse(key.createdAt)) / DAY_MS);
      if (ageDays <= KEY_ROTATION_DAYS) {
        return [];
      }
      return [longLivedKeyLesson(key.accessKeyId, `was created ${formatUtcSecond(key.createdAt)}, ${ageDays} days before the attack`)];
    }
    if (key.firstSeen === null || attackAt - Date.parse(key.firstSeen) < DAY_MS) {
      return [];
    }
    const before = formatDurationText((attackAt - Date.parse(key.firstSeen)) / 1000);
    return [
      longLivedKeyLesson(
        key.accessKeyId,
        `was already in use ${before} before the attack (first seen ${formatUtcSecond(key.firstSeen)}) and its creation is not in the logs, so it may be much older`,
      ),
    ];
  });
}

function longLivedKeyLesson(accessKeyId: string, fact: string): Lesson {
  return {
    id: "long-lived-key",
    title: `Long-lived access key ${accessKeyId}`,
    finding: `The long-term access key ${accessKeyId} ${fact}.`,
    recommendation: `Rotate long-term keys at least every ${KEY_ROTATION_DAYS} days, or replace them with short-lived role credentials.`,
  };
}

function automationUserLesson(evidence: PostmortemEvidence): Lesson | null {
  const { posture } = evidence;
  const calls = posture.eventsBeforeAttack;
  if (posture.principalType !== "IAMUser" || calls < MIN_CALLS_FOR_USAGE || posture.consoleLogins > 0) {
    return null;
  }
  if (posture.programmaticEvents / calls < AUTOMATION_SHARE) {
    return null;
  }
  const name = principalName(evidence);
  const tool = posture.topUserAgents[0]?.key.split(" ")[0] ?? "an SDK";
  return {
    id: "user-for-automation",
    title: `IAM user ${name} is used by automation`,
    finding:
      `${count(posture.programmaticEvents)} of ${name}'s ${count(calls)} calls before the attack came from SDKs or tools (mostly ${tool}) ` +
      "and it never signed in to the console: a workload, not a person, uses this IAM user.",
    recommendation:
      "Give the workload an IAM role (an instance profile, a task or function role, or IAM Roles Anywhere outside AWS) " +
      "so that it gets short-lived credentials, then delete the user's access keys.",
  };
}

function escalationUnnoticedLesson(evidence: PostmortemEvidence): Lesson | null {
  const escalation = evidence.signals.find((signal) => signal.phase === "privilege_escalation");
  if (!escalation) {
    return null;
  }
  const at = Date.parse(escalation.at);
  const responses = [
    ...evidence.teamActions.map((action) => action.at),
    ...evidence.containment.plans.map((plan) => plan.proposedAt),
    ...evidence.containment.loggedActions.map((action) => action.at),
  ]
    .map((time) => Date.parse(time))
    .filter((time) => time >= at)
    .sort((a, b) => a - b);
  const first = responses[0];
  const what = `${escalation.eventName ?? escalation.title} at ${formatUtcSecond(escalation.at)}`;
  const finding =
    first === undefined
      ? `The privilege escalation (${what}) was followed by no recorded team action or containment.`
      : `The privilege escalation (${what}) went unanswered for ${formatDurationText(Math.floor((first - at) / 1000))}, ` +
        `until the first team action or containment at ${formatUtcSecond(new Date(first).toISOString())}.`;
  return {
    id: "escalation-unnoticed",
    title: "Privilege escalation went unnoticed",
    finding,
    recommendation:
      "Page the on-call responder on privilege-escalation signals (AttachUserPolicy, PutUserPolicy, CreatePolicyVersion) " +
      "rather than waiting for the incident to be triaged.",
  };
}

function loggingTamperLessons(evidence: PostmortemEvidence): Lesson[] {
  const attempts = evidence.signals.filter(
    (signal) => signal.phase === "defense_evasion" && signal.eventName !== null && LOGGING_EVENTS.has(signal.eventName),
  );
  const errors = new Map(evidence.attackEvents.events.map((event) => [event.naturalId, event.errorCode]));
  return attempts.map((attempt) => {
    const errorCode = errors.get(attempt.naturalId) ?? (/\(([A-Za-z]+)\)$/.exec(attempt.title)?.[1] ?? null);
    const outcome = errorCode
      ? `failed with ${errorCode}, so logging continued`
      : "succeeded: events after it may be missing from the trail";
    return {
      id: "logging-tamper",
      title: `Logging tamper attempt (${attempt.eventName})`,
      finding: `${attempt.eventName} at ${formatUtcSecond(attempt.at)} from ${attempt.sourceIp ?? "an unknown address"} ${outcome}.`,
      recommendation: errorCode
        ? "Keep the service control policy that denies cloudtrail:StopLogging and DeleteTrail, and alert on every attempt."
        : "Deny cloudtrail:StopLogging and DeleteTrail with a service control policy, and check the logging gap for missing activity.",
    };
  });
}
