import { InputError } from "./open-input";

/** Turns an error from opening or reading an input into a sentence that names the input. */
export function describeOpenError(error: unknown, label: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") {
    return `${label}: file not found`;
  }
  if (code === "EACCES" || code === "EPERM") {
    return `${label}: permission denied`;
  }
  if (error instanceof InputError && error.code === "corrupt-gzip") {
    // The file failed before its kind was recognised, so no reader stored any of it.
    return `${error.message}. No record was stored. Copy the file again from its source and ingest it again.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // InputError messages already name the input.
  return message.includes(label) ? message : `${label}: ${message}`;
}
