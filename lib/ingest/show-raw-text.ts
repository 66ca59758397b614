/** What a page can show of a record's raw bytes. */
export interface RawText {
  /** The bytes as UTF-8, with invalid sequences as U+FFFD and control characters as their Control Pictures symbols. */
  text: string;
  /** Bytes the text shows, at most `maxBytes`. */
  shownBytes: number;
  byteLength: number;
  validUtf8: boolean;
}

const UTF8 = new TextDecoder("utf-8", { fatal: false });

/**
 * Renders raw bytes as text that is safe to put on a page: nothing is
 * interpreted (React escapes markup), and control characters that a browser
 * or terminal would act on become visible symbols (U+2400 + code, ␀ to ␟,
 * and ␡ for DEL). Tabs and line breaks are kept.
 */
export function showRawText(bytes: Buffer, maxBytes: number): RawText {
  const shown = bytes.subarray(0, maxBytes);
  return {
    text: visibleControls(UTF8.decode(trimPartialCharacter(shown, bytes.length > maxBytes))),
    shownBytes: shown.length,
    byteLength: bytes.length,
    validUtf8: isValidUtf8(bytes),
  };
}

export function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) =>
    c === "\u007f" ? "\u2421" : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
}

/** Drops a multi-byte character cut in half by the length limit, so it does not show as U+FFFD. */
function trimPartialCharacter(shown: Buffer, cut: boolean): Buffer {
  if (!cut) {
    return shown;
  }
  let end = shown.length;
  let back = 0;
  while (end - back - 1 >= 0 && back < 3 && (shown[end - back - 1] & 0xc0) === 0x80) {
    back += 1;
  }
  const lead = shown[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const needed = utf8SequenceLength(lead);
    if (back + 1 < needed) {
      end -= back + 1;
    }
  }
  return shown.subarray(0, end);
}

/** Length of the UTF-8 sequence a lead byte (0xC0 or above) starts. */
function utf8SequenceLength(lead: number): number {
  if (lead >= 0xf0) {
    return 4;
  }
  if (lead >= 0xe0) {
    return 3;
  }
  return 2;
}
