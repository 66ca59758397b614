/** Helpers shared by the scripts that train raw-record dictionaries. */

/** Seed of the organisations a dictionary is trained on. */
export const TRAINING_SEED = 7_000;

/** Seed of the organisations a dictionary is checked on, none of which it was trained on. */
export const CHECK_SEED = 8_000;

/** Returns the average size of the records once encoded. */
export function averageBytes(records: readonly Buffer[], encode: (record: Buffer) => Buffer): number {
  return records.reduce((sum, record) => sum + encode(record).length, 0) / Math.max(records.length, 1);
}

/** Returns a TypeScript module that exports the dictionary as a base64 string named `name`, below `header` comment lines. */
export function dictionaryModuleText(options: { header: readonly string[]; name: string; dictionary: Buffer }): string {
  const lines = options.dictionary.toString("base64").match(/.{1,100}/g) ?? [];
  return [
    ...options.header.map((line) => `// ${line}`),
    `export const ${options.name} =`,
    ...lines.map((line, index) => `  "${line}"${index === lines.length - 1 ? ";" : " +"}`),
    "",
  ].join("\n");
}
