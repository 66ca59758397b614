// Characters a POSIX shell passes through unquoted.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a value for a POSIX shell, leaving plain words as they are. */
export function quoteShellWord(value: string): string {
  if (SAFE_WORD.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A CLI option: a flag with a value, or a flag that is present on its own (`true`). */
export type CliOption = readonly [flag: string, value: string | true];

/**
 * Builds an AWS CLI command line, for example
 * `aws iam update-access-key --user-name reports-svc --access-key-id AKIA… --status Inactive`.
 */
export function formatCliCommand(command: string, options: readonly CliOption[]): string {
  const parts = [command];
  for (const [flag, value] of options) {
    parts.push(value === true ? flag : `${flag} ${quoteShellWord(value)}`);
  }
  return parts.join(" ");
}
