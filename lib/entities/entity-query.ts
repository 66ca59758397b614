import { z } from "zod";

/** Query of the principal page and route: the baseline's history length and end. */
export const principalQuerySchema = z.object({
  /** Days of history the baseline covers; 14 unless set. */
  days: z.coerce.number().int().min(1).max(365).optional(),
  /** End of the baseline's history, ISO 8601; the principal's last activity unless set. */
  until: z.iso.datetime({ offset: true }).optional(),
});

export type PrincipalQuery = z.infer<typeof principalQuerySchema>;

/**
 * Decodes a path segment that may still be percent-encoded, such as an ARN
 * whose slashes the link encoded. Text that is not valid encoding is kept.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const pathSegment = z.string().transform(decodePathSegment);

export const principalParamsSchema = z.object({ key: pathSegment.pipe(z.string().min(1).max(2048)) });

// Access key ids are 16 to 128 characters of A-Z and 0-9 (IAM API Reference, AccessKey).
export const accessKeyParamsSchema = z.object({
  id: pathSegment.pipe(z.string().regex(/^[A-Z0-9]{16,128}$/, "not an access key id")),
});

export const addressParamsSchema = z.object({ ip: pathSegment.pipe(z.union([z.ipv4(), z.ipv6()])) });
