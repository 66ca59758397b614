import type { Rejection } from "@/lib/ingest/types";
import {
  get,
  getArray,
  getString,
  isObject,
  joinPath,
  type JsonObject,
} from "@/lib/sources/common/json-fields";
import {
  EntryError,
  lastUsed,
  readEntity,
  readOrgAccess,
  readService,
} from "./read-report-entries";
import type { AccessAdvisorReport, AccessReportKind } from "./types";

export interface NormalizeAccessAdvisorInput {
  /** The parsed output of one IAM CLI/SDK call. */
  value: unknown;
  raw?: Buffer | string;
  /**
   * The user, role, group or policy the report is about (the CLI's `--principal`). AWS
   * does not repeat it in the output, so it comes from an `Arn` field saved beside the
   * output or from here.
   */
  principalArn?: string;
  /** The `--service-namespace` a with-entities report was asked for. */
  serviceNamespace?: string;
}

export type NormalizeAccessAdvisorResult =
  { report: AccessAdvisorReport } | { rejection: Rejection };

const LISTS: Array<[AccessReportKind, string]> = [
  ["service-last-accessed", "ServicesLastAccessed"],
  ["service-last-accessed-with-entities", "EntityDetailsList"],
  ["organizations-access-report", "AccessDetails"],
];

/** IAM principals and policies: `arn:aws:iam::111122223333:role/x`, `arn:aws:iam::aws:policy/x`. */
export const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):(user|role|group|policy)\/\S+$/;

/**
 * Normalises IAM "last accessed" reports: get-service-last-accessed-details (service or
 * action level), get-service-last-accessed-details-with-entities, and
 * get-organizations-access-report.
 */
export function normalizeAccessAdvisor(
  input: NormalizeAccessAdvisorInput,
): NormalizeAccessAdvisorResult {
  const reject = (field: string | null, reason: string): NormalizeAccessAdvisorResult => ({
    rejection: { recordIndex: null, field, reason, raw: rawBytes(input) },
  });
  const { value } = input;
  if (!isObject(value)) {
    return reject(null, "expected the JSON object an IAM last-accessed report command prints");
  }
  const found = LISTS.find(([, list]) => Array.isArray(get(value, list)));
  const jobId = getString(value, "JobId");
  if (!found && jobId !== null) {
    return reject(
      "JobId",
      `this is the output of a generate-… command (job ${jobId}), not the report; run ` +
        `'aws iam get-service-last-accessed-details --job-id ${jobId}' (or get-organizations-access-report) and import that output`,
    );
  }
  const status = getString(value, "JobStatus");
  if (status !== null && status !== "COMPLETED") {
    const detail = getString(value, "Error", "Message");
    return reject(
      "JobStatus",
      `the report job is ${status}${detail ? `: ${detail}` : ""}; import it once it is COMPLETED`,
    );
  }
  if (!found) {
    return reject(
      null,
      "not an IAM last-accessed report: no ServicesLastAccessed, EntityDetailsList or AccessDetails list",
    );
  }
  const principal = principalOf(value, input.principalArn);
  if ("problem" in principal) {
    return reject(principal.field, principal.problem);
  }
  if (principal.arn === null && found[0] === "service-last-accessed") {
    return reject(
      "Arn",
      "the report does not say whose access it is: pass --principal ARN (the user, role, group or policy " +
        'given to generate-service-last-accessed-details), or add an "Arn" field beside the output',
    );
  }
  try {
    return { report: buildReport(value, found, principal.arn, input.serviceNamespace ?? null) };
  } catch (error) {
    if (error instanceof EntryError) {
      return reject(error.field, `${error.field}: ${error.message}`);
    }
    throw error;
  }
}

function buildReport(
  value: JsonObject,
  [kind, list]: [AccessReportKind, string],
  principalArn: string | null,
  serviceNamespace: string | null,
): AccessAdvisorReport {
  const entries = getArray(value, list);
  const at = (i: number) => joinPath(list, i);
  const services =
    kind === "service-last-accessed"
      ? entries.map((e, i) => readService(e, at(i)))
      : kind === "organizations-access-report"
        ? entries.map((e, i) => readOrgAccess(e, at(i)))
        : [];
  const entities =
    kind === "service-last-accessed-with-entities"
      ? entries.map((e, i) => readEntity(e, at(i)))
      : [];
  const jobType = getString(value, "JobType");
  const inferred =
    kind === "service-last-accessed"
      ? services.some((s) => s.actions.length > 0)
        ? "ACTION_LEVEL"
        : "SERVICE_LEVEL"
      : null;
  return {
    kind,
    principalArn,
    jobStatus: getString(value, "JobStatus"),
    jobCreationDate: lastUsed(value, "JobCreationDate", ""),
    jobCompletionDate: lastUsed(value, "JobCompletionDate", ""),
    granularity: jobType === "SERVICE_LEVEL" || jobType === "ACTION_LEVEL" ? jobType : inferred,
    serviceNamespace,
    truncated: get(value, "IsTruncated") === true,
    services,
    entities,
  };
}

type PrincipalResult = { arn: string | null } | { field: string; problem: string };

/** The file's own `Arn` (or `arn`, `PrincipalArn`) wins; a different option is a conflict. */
function principalOf(value: JsonObject, option: string | undefined): PrincipalResult {
  const key = ["Arn", "arn", "PrincipalArn", "principalArn"].find(
    (k) => typeof value[k] === "string",
  );
  const fromFile = key ? (value[key] as string).trim() : null;
  const fromOption = option?.trim() || null;
  if (fromFile && fromOption && fromFile !== fromOption) {
    return {
      field: key as string,
      problem: `the file says ${fromFile} but --principal says ${fromOption}`,
    };
  }
  const arn = fromFile ?? fromOption;
  if (arn !== null && !IAM_ARN.test(arn)) {
    return {
      field: key ?? "principalArn",
      problem: `'${arn}' is not the ARN of an IAM user, role, group or policy`,
    };
  }
  return { arn };
}

function rawBytes(input: NormalizeAccessAdvisorInput): Buffer {
  if (input.raw !== undefined) {
    return Buffer.isBuffer(input.raw) ? input.raw : Buffer.from(input.raw, "utf8");
  }
  return Buffer.from(JSON.stringify(input.value) ?? "", "utf8");
}
