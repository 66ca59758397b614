import { z } from "zod";

/** Wraps an optional text field so that an empty or blank value reads as null. */
function optionalText<Schema extends z.ZodType<string>>(schema: Schema) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    schema.nullish().transform((value) => value ?? null),
  );
}

/** A change window as entered in the app or read from an imported row. */
export const changeWindowInputSchema = z
  .object({
    title: z.string().trim().min(1, "Title is missing").max(300),
    startsAt: z.coerce.date({ error: "Start is not a date and time" }),
    endsAt: z.coerce.date({ error: "End is not a date and time" }),
    accountId: optionalText(z.string().trim().regex(/^\d{12}$/, "Account must be a 12-digit AWS account id")),
    /** Principal ARN, key or user name; `*` matches any characters. Empty covers the whole account. */
    principalPattern: optionalText(z.string().trim().max(2048)),
    reference: optionalText(z.string().trim().max(300)),
  })
  .refine((input) => input.endsAt.getTime() > input.startsAt.getTime(), {
    message: "End must be after start",
    path: ["endsAt"],
  });

export type ChangeWindowInput = z.output<typeof changeWindowInputSchema>;

/** A row of an import file that could not be read, named by file, row and field. */
export interface ImportRejection {
  file: string;
  /** One-based data row (CSV, header excluded) or VEVENT position (iCalendar). */
  row: number;
  /** Column or property name as it appears in the file. */
  field: string;
  reason: string;
}

/** The result of reading an import file: windows to store and rows rejected. */
export interface ParsedChangeWindows {
  windows: Array<ChangeWindowInput & { row: number }>;
  rejected: ImportRejection[];
}
