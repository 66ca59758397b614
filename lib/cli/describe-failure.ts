/** Returns the text of a failure for the terminal, also when something other than an Error was thrown. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (error === undefined || error === null || String(error).trim() === "") {
    return "failed without an error message; run again with WATCHFLOOR_LOG_LEVEL=debug to see the log";
  }
  return String(error);
}
