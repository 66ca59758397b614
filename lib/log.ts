import pino from "pino";

/**
 * The product's root logger. Scoped child loggers carry ids such as
 * `batchId`, `sourceFile` or `incidentId`; secrets are redacted by field name.
 * Logs go to standard error, so that CLI output such as `--json` on standard
 * output stays machine-readable.
 */
export const logger = pino(
  {
  name: "watchfloor",
  level: process.env.WATCHFLOOR_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: [
      "password",
      "*.password",
      "secretAccessKey",
      "*.secretAccessKey",
      "sessionToken",
      "*.sessionToken",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "token",
      "*.token",
      "databaseUrl",
    ],
    censor: "[redacted]",
  },
  },
  pino.destination({ dest: 2, sync: true }),
);

export type Logger = typeof logger;
