/**
 * Helpers that write values from logs into Markdown safely. Log values are
 * attacker-controlled (user agents, request parameters), so every value is
 * escaped or put in a code span, and never read as Markdown or HTML.
 */

// Characters that start Markdown or HTML syntax in the middle of a line. Escaping `[`
// and `]` already stops links and images, so parentheses stay readable.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&]/g;

/** Escapes text so that Markdown shows it literally, on one line. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

/** Wraps `text` in a code span that shows it literally, whatever backticks it contains. */
export function code(text: string): string {
  const line = oneLine(text);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * Builds a Markdown table of cells already escaped or in code spans. A pipe not yet
 * escaped is escaped here, because GFM splits cells on it even inside code spans.
 */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/(?<!\\)\|/g, "\\|")).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** Formats a count with thousands separators: 100000 reads `100,000`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** `1 event`, `2 events`. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : pluralForm}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}
