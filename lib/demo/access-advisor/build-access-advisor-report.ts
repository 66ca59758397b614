import type { JsonObject, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { formatIsoSeconds } from "../format-aws-time";
import { ACCESS_ADVISOR_JOB, type DemoIamUser } from "../scenario";

/** A service the user's policies allow, as Access Advisor names it. */
export interface AdvisedService {
  serviceName: string;
  serviceNamespace: string;
}

interface LastUse {
  time: Date;
  region: string;
}

/**
 * Last successful call of the user to each service namespace, taken from the
 * generated CloudTrail events so that the report agrees with the trail.
 * Failed calls are left out: the StopLogging attempt was denied.
 */
function findLastUses(user: DemoIamUser, events: readonly TrailEvent[]): Map<string, LastUse> {
  const lastUses = new Map<string, LastUse>();
  for (const event of events) {
    const identity = event.record.userIdentity as JsonObject | undefined;
    if (identity?.arn !== user.arn || event.record.errorCode !== undefined) {
      continue;
    }
    const namespace = String(event.record.eventSource).replace(/\.amazonaws\.com$/, "");
    const known = lastUses.get(namespace);
    if (!known || known.time < event.eventTime) {
      lastUses.set(namespace, { time: event.eventTime, region: event.region });
    }
  }
  return lastUses;
}

/** Ordinal comparison, so the order does not depend on the machine's locale. */
function compareText(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}

function serviceEntry(
  user: DemoIamUser,
  service: AdvisedService,
  lastUse: LastUse | undefined,
): JsonObject {
  if (!lastUse) {
    return {
      ServiceName: service.serviceName,
      ServiceNamespace: service.serviceNamespace,
      TotalAuthenticatedEntities: 0,
    };
  }
  return {
    ServiceName: service.serviceName,
    LastAuthenticated: formatIsoSeconds(lastUse.time),
    ServiceNamespace: service.serviceNamespace,
    LastAuthenticatedEntity: user.arn,
    LastAuthenticatedRegion: lastUse.region,
    TotalAuthenticatedEntities: 1,
  };
}

/**
 * `aws iam get-service-last-accessed-details` output for a service-level job
 * on one user, with an extra top-level `Arn` naming the user. A service never
 * used has no LastAuthenticated.
 */
export function buildAccessAdvisorReport(options: {
  user: DemoIamUser;
  services: readonly AdvisedService[];
  events: readonly TrailEvent[];
}): JsonObject {
  const lastUses = findLastUses(options.user, options.events);
  const services = [...options.services].sort((left, right) =>
    compareText(left.serviceName, right.serviceName),
  );
  return {
    Arn: options.user.arn,
    JobStatus: "COMPLETED",
    JobType: "SERVICE_LEVEL",
    JobCreationDate: ACCESS_ADVISOR_JOB.creationDate,
    ServicesLastAccessed: services.map((service) =>
      serviceEntry(options.user, service, lastUses.get(service.serviceNamespace)),
    ),
    JobCompletionDate: ACCESS_ADVISOR_JOB.completionDate,
    IsTruncated: false,
  };
}
