// PostgreSQL text and jsonb cannot hold U+0000, and jsonb rejects unpaired
// UTF-16 surrogates ("\udc00"), both of which a crafted log field can carry.
// Normalised columns get U+FFFD in their place; the raw record keeps the exact bytes.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces NUL characters and unpaired surrogates with U+FFFD. */
export function sanitizeText(text: string): string {
  return text.replace(NUL, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}

export function sanitizeNullableText(text: string | null): string | null {
  return text === null ? null : sanitizeText(text);
}

/** JSON text for a `jsonb` query parameter, with every string sanitised. */
export function toJsonbParameter(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "string" ? sanitizeText(item) : item));
}
