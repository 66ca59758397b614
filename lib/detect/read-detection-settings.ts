const HOUR_MS = 3_600_000;

/** Time windows the rules and the correlation use, read from the environment. */
export interface DetectionSettings {
  /** History a principal needs before anything it does can be called new. */
  minHistoryMs: number;
  /** How long after its first use by a principal an address, country or user agent stays new. */
  noveltyWindowMs: number;
  /** Distance from an incident's first and last signal within which a signal joins it. */
  correlationWindowMs: number;
}

/**
 * Reads a non-negative number from the environment, or `fallback` when the
 * variable is unset or empty. `unit` names what the number counts, for the error.
 */
export function readNumberSetting(name: string, fallback: number, unit: string, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env[name]?.trim();
  if (!text) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number of ${unit}, got '${text}'.`);
  }
  return value;
}

function readHoursSetting(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  return readNumberSetting(name, fallback, "hours", env);
}

export function readDetectionSettings(env = process.env): DetectionSettings {
  return {
    minHistoryMs: readHoursSetting("WATCHFLOOR_BASELINE_MIN_HISTORY_HOURS", 24, env) * HOUR_MS,
    noveltyWindowMs: readHoursSetting("WATCHFLOOR_NOVELTY_WINDOW_HOURS", 24, env) * HOUR_MS,
    correlationWindowMs: readHoursSetting("WATCHFLOOR_CORRELATION_WINDOW_HOURS", 24, env) * HOUR_MS,
  };
}
