/**
 * Characters a file name may not carry into summaries, logs and pages: control
 * characters, which would let a name rewrite the terminal or a log line it is
 * shown in, and Unicode bidirectional controls, which would show
 * `\u202egnp.json` as `nosj.png`.
 */
export const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Returns `name` with each unsafe character written as `\uXXXX`. */
export function escapeUnsafeNameCharacters(name: string): string {
  return name.replace(new RegExp(UNSAFE_NAME_CHARACTERS.source, "g"), (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
