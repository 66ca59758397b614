import { getArray, getNumber, getString, joinPath } from "@/lib/sources/common/json-fields";
import { parseTimestamp } from "@/lib/sources/common/parse-timestamp";
import type { ActionLastAccessed, EntityLastAccessed, ServiceLastAccessed } from "./types";

/** Thrown for an entry that cannot be read; the caller turns it into a rejection. */
export class EntryError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * A never-used service has no LastAuthenticated at all. Epoch zero (or earlier) is read
 * the same way, so that "never" is never shown as 1970.
 */
export function lastUsed(owner: unknown, name: string, path: string): Date | null {
  const parsed = parseTimestamp(getString(owner, name) ?? getNumber(owner, name));
  if (!parsed.ok) {
    throw new EntryError(joinPath(path, name), parsed.reason);
  }
  return parsed.date !== null && parsed.date.getTime() > 0 ? parsed.date : null;
}

function required(owner: unknown, name: string, path: string): string {
  const value = getString(owner, name);
  if (value === null) {
    throw new EntryError(joinPath(path, name), `${name} is missing`);
  }
  return value;
}

/** `ServicesLastAccessed[i]`, with its tracked actions. */
export function readService(entry: unknown, path: string): ServiceLastAccessed {
  const lastAuthenticated = lastUsed(entry, "LastAuthenticated", path);
  return {
    serviceNamespace: required(entry, "ServiceNamespace", path),
    serviceName: getString(entry, "ServiceName"),
    lastAuthenticated,
    lastAuthenticatedEntity: getString(entry, "LastAuthenticatedEntity"),
    region: getString(entry, "LastAuthenticatedRegion"),
    totalAuthenticatedEntities: getNumber(entry, "TotalAuthenticatedEntities"),
    neverUsed: lastAuthenticated === null,
    entityPath: null,
    actions: getArray(entry, "TrackedActionsLastAccessed").map((action, i) =>
      readAction(action, joinPath(joinPath(path, "TrackedActionsLastAccessed"), i)),
    ),
  };
}

function readAction(entry: unknown, path: string): ActionLastAccessed {
  const lastAccessed = lastUsed(entry, "LastAccessedTime", path);
  return {
    actionName: required(entry, "ActionName", path),
    lastAccessed,
    lastAccessedEntity: getString(entry, "LastAccessedEntity"),
    region: getString(entry, "LastAccessedRegion"),
    neverUsed: lastAccessed === null,
  };
}

/** `AccessDetails[i]` of an Organizations access report. */
export function readOrgAccess(entry: unknown, path: string): ServiceLastAccessed {
  const lastAuthenticated = lastUsed(entry, "LastAuthenticatedTime", path);
  return {
    serviceNamespace: required(entry, "ServiceNamespace", path),
    serviceName: getString(entry, "ServiceName"),
    lastAuthenticated,
    lastAuthenticatedEntity: null,
    region: getString(entry, "Region"),
    totalAuthenticatedEntities: getNumber(entry, "TotalAuthenticatedEntities"),
    neverUsed: lastAuthenticated === null,
    entityPath: getString(entry, "EntityPath"),
    actions: [],
  };
}

/** `EntityDetailsList[i]`: `EntityInfo` plus when that entity last used the service. */
export function readEntity(entry: unknown, path: string): EntityLastAccessed {
  const info = joinPath(path, "EntityInfo");
  const lastAuthenticated = lastUsed(entry, "LastAuthenticated", path);
  const infoOf = (name: string) => getString(entry, "EntityInfo", name);
  if (infoOf("Arn") === null) {
    throw new EntryError(joinPath(info, "Arn"), "EntityInfo.Arn is missing");
  }
  return {
    arn: infoOf("Arn") as string,
    name: infoOf("Name"),
    type: infoOf("Type"),
    id: infoOf("Id"),
    path: infoOf("Path"),
    lastAuthenticated,
    neverUsed: lastAuthenticated === null,
  };
}
