let names: Intl.DisplayNames | null = null;

/** Returns the English name of an ISO 3166-1 alpha-2 country code, or the code when it has none. */
export function countryName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(["en"], { type: "region" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
