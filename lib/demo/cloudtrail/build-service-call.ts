import {
  buildCloudTrailRecord,
  type CallBase,
  type JsonObject,
  type TrailEvent,
} from "./build-cloudtrail-record";

/** Services whose calls the demo logs through this builder, with their event versions. */
const SERVICES = {
  athena: { source: "athena.amazonaws.com", eventVersion: "1.08" },
  cloudformation: { source: "cloudformation.amazonaws.com", eventVersion: "1.08" },
  cloudtrail: { source: "cloudtrail.amazonaws.com", eventVersion: "1.09" },
  ec2: { source: "ec2.amazonaws.com", eventVersion: "1.09" },
  ecr: { source: "ecr.amazonaws.com", eventVersion: "1.08" },
  guardduty: { source: "guardduty.amazonaws.com", eventVersion: "1.08" },
  lambda: { source: "lambda.amazonaws.com", eventVersion: "1.08" },
} as const;

export type DemoService = keyof typeof SERVICES;

export interface ServiceCallOptions extends CallBase {
  service: DemoService;
  eventName: string;
  region: string;
  readOnly: boolean;
  requestParameters?: JsonObject | null;
  responseElements?: JsonObject | null;
  error?: { code: string; message: string };
  /** Host header when it is not `<service>.<region>.amazonaws.com`. */
  tlsHost?: string;
}

/** Builds a management-event API call to one of the regional services above. */
export function buildServiceCall(options: ServiceCallOptions): TrailEvent {
  const service = SERVICES[options.service];
  return buildCloudTrailRecord(options.random, {
    ...options,
    eventSource: service.source,
    eventVersion: service.eventVersion,
    tlsHost: options.tlsHost ?? `${options.service}.${options.region}.amazonaws.com`,
  });
}
