/**
 * Field access that tolerates the two casings AWS uses for one shape: camelCase in the
 * CLI, EventBridge and S3 exports, PascalCase in boto3 and SDK output
 * (`resource.accessKeyDetails` = `Resource.AccessKeyDetails`). Lookups convert the key,
 * never the record, so free-form maps (tags, `affectedResources`) keep their own keys.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The key under which `obj` holds `name`, as given or in the other casing, or null. */
export function keyOf(obj: JsonObject, name: string): string | null {
  for (const key of [name, pascal(name), camel(name)]) {
    if (obj[key] !== undefined) {
      return key;
    }
  }
  return null;
}

/**
 * Returns `name` as `obj` spells it: the key under which `obj` contains it, or
 * when it is absent, `name` in PascalCase if every key of `obj` is.
 */
export function spelledKey(obj: JsonObject, name: string): string {
  const key = keyOf(obj, name);
  if (key !== null) {
    return key;
  }
  const keys = Object.keys(obj);
  return keys.length > 0 && keys.every((k) => /^[A-Z]/.test(k)) ? pascal(name) : name;
}

/** Follows a path of camelCase names through nested objects, in either casing. */
export function get(obj: unknown, ...names: string[]): unknown {
  let current: unknown = obj;
  for (const name of names) {
    if (!isObject(current)) {
      return undefined;
    }
    const key = keyOf(current, name);
    current = key === null ? undefined : current[key];
  }
  return current;
}

export function getObject(obj: unknown, ...names: string[]): JsonObject | null {
  const value = get(obj, ...names);
  return isObject(value) ? value : null;
}

export function getArray(obj: unknown, ...names: string[]): unknown[] {
  const value = get(obj, ...names);
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or a number written as text; anything else is null. */
export function getString(obj: unknown, ...names: string[]): string | null {
  const value = get(obj, ...names);
  if (typeof value === "string") {
    return value.length > 0 ? value : null;
  }
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

/** A finite number, also when written as a numeric string (`"2.0"`). */
export function getNumber(obj: unknown, ...names: string[]): number | null {
  const value = get(obj, ...names);
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}

export function getBoolean(obj: unknown, ...names: string[]): boolean | null {
  const value = get(obj, ...names);
  return typeof value === "boolean" ? value : null;
}

/** Appends `.name` or `[i]` to a JSON path; an empty base gives the bare name. */
export function joinPath(base: string, part: string | number): string {
  if (typeof part === "number") {
    return `${base}[${part}]`;
  }
  return base === "" ? part : `${base}.${part}`;
}
