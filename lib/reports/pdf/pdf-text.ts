import type { Token } from "marked";

/** A piece of inline text in one font. */
export interface TextRun {
  text: string;
  font: PdfFont;
}

export type PdfFont = "Helvetica" | "Helvetica-Bold" | "Helvetica-Oblique" | "Helvetica-BoldOblique" | "Courier";

// Characters that the standard PDF fonts encode (WinAnsiEncoding) beyond Latin-1.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "✓": "v", "×": "x" };

/**
 * Makes text printable in the standard PDF fonts, which carry only the
 * WinAnsi character set: common symbols get an ASCII spelling, and any other
 * character outside the set becomes `?`.
 */
export function toWinAnsi(text: string): string {
  let result = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === "\n") {
      result += char;
    } else {
      result += REPLACEMENTS[char] ?? (code === 0x09 ? " " : "?");
    }
  }
  return result;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Decodes the HTML entities Markdown text may contain, as a browser would show them. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith("#")) {
      return String.fromCodePoint(Number(name.slice(1)));
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Flattens inline Markdown tokens into runs of text, each with the font its emphasis calls for. */
export function inlineRuns(tokens: Token[] | undefined, font: PdfFont = "Helvetica"): TextRun[] {
  const runs: TextRun[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "strong":
        runs.push(...inlineRuns(token.tokens, font === "Helvetica-Oblique" ? "Helvetica-BoldOblique" : "Helvetica-Bold"));
        break;
      case "em":
        runs.push(...inlineRuns(token.tokens, font === "Helvetica-Bold" ? "Helvetica-BoldOblique" : "Helvetica-Oblique"));
        break;
      case "codespan":
        runs.push({ text: decodeEntities(token.text), font: "Courier" });
        break;
      case "br":
        runs.push({ text: "\n", font });
        break;
      case "link":
      case "del":
        runs.push(...inlineRuns(token.tokens, font));
        break;
      case "text":
        runs.push(...(token.tokens ? inlineRuns(token.tokens, font) : [{ text: decodeEntities(token.text), font }]));
        break;
      default:
        // escape, html and anything unknown print their text as is: raw HTML is shown, never interpreted.
        runs.push({ text: "text" in token && typeof token.text === "string" ? token.text : token.raw, font });
    }
  }
  return runs.map((run) => ({ ...run, text: toWinAnsi(run.text) }));
}

/** Joins the text of inline runs, for measuring. */
export function runsText(runs: TextRun[]): string {
  return runs.map((run) => run.text).join("");
}
