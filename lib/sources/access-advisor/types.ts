/** Which IAM report the file holds. */
export type AccessReportKind =
  "service-last-accessed" | "service-last-accessed-with-entities" | "organizations-access-report";

/** One action of an ACTION_LEVEL report (`TrackedActionsLastAccessed[]`). */
export interface ActionLastAccessed {
  actionName: string;
  lastAccessed: Date | null;
  lastAccessedEntity: string | null;
  region: string | null;
  neverUsed: boolean;
}

export interface ServiceLastAccessed {
  serviceNamespace: string;
  serviceName: string | null;
  /** Null when IAM never saw the service used in its tracking period; never epoch zero. */
  lastAuthenticated: Date | null;
  /** ARN of the entity that used it last (service reports). */
  lastAuthenticatedEntity: string | null;
  region: string | null;
  totalAuthenticatedEntities: number | null;
  neverUsed: boolean;
  /** Organizations reports: the path of the account that used it last (`o-…/r-…/ou-…/111122223333`). */
  entityPath: string | null;
  actions: ActionLastAccessed[];
}

/** One IAM user or role of a with-entities report (`EntityDetailsList[]`). */
export interface EntityLastAccessed {
  arn: string;
  name: string | null;
  type: string | null;
  id: string | null;
  path: string | null;
  lastAuthenticated: Date | null;
  neverUsed: boolean;
}

export interface AccessAdvisorReport {
  kind: AccessReportKind;
  /** The user, role, group or policy the report is about; null for org and entity reports without one. */
  principalArn: string | null;
  jobStatus: string | null;
  jobCreationDate: Date | null;
  jobCompletionDate: Date | null;
  /** SERVICE_LEVEL or ACTION_LEVEL; given by JobType, else inferred from the presence of actions. */
  granularity: "SERVICE_LEVEL" | "ACTION_LEVEL" | null;
  /** The service namespace of a with-entities report, when the caller says it. */
  serviceNamespace: string | null;
  /** True when AWS paginated the report and this file holds one page. */
  truncated: boolean;
  services: ServiceLastAccessed[];
  entities: EntityLastAccessed[];
}
