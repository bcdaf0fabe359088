import { maxChunkBytes, minChunkBytes } from '@salesready/db/import/chunked-import';
import { leadFields } from '@salesready/db/import/lead-fields';
import { assertTimeZone } from '@salesready/db/import/parse-date';
import { presets } from '@salesready/db/import/presets';
import { z } from 'zod';
import { AppError } from '../errors';

/** A form field holding JSON, parsed then checked against `schema`. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const fieldEnum = z.enum(leadFields);
export const importForm = z.object({
  mapping: json(z.partialRecord(fieldEnum, z.string().trim().min(1))).optional(),
  preset: z.enum(presets.map((p) => p.name) as [string, ...string[]]).optional(),
  mode: z.enum(['upsert', 'update']).optional(),
  values: json(z.record(z.string(), z.record(z.string(), z.string()))).optional(),
  constants: json(z.partialRecord(fieldEnum, z.string())).optional(),
  timezone: z
    .string()
    .refine((zone) => {
      try {
        assertTimeZone(zone);
        return true;
      } catch {
        return false;
      }
    }, 'is not a known IANA time zone (such as Europe/Paris)')
    .optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  originSystem: z.string().trim().min(1).max(50).optional(),
  encoding: z.enum(['utf-8', 'latin1']).optional(),
  /** Kept for older clients and ignored: the request always waits for its import. */
  wait: z.enum(['true', 'false']).optional(),
});
export const uploadForm = importForm.extend({
  size: z.coerce.number().int().min(1, 'the file is empty').max(Number.MAX_SAFE_INTEGER),
  chunkBytes: z.coerce.number().int().min(minChunkBytes).max(maxChunkBytes).optional(),
  fingerprint: z.string().max(500).optional(),
});
export type ImportForm = z.infer<typeof importForm>;

export function parseForm(fields: Record<string, string>): ImportForm;
export function parseForm(
  fields: Record<string, string>,
  schema: typeof uploadForm,
): z.infer<typeof uploadForm>;
export function parseForm(fields: Record<string, string>, schema: z.ZodType = importForm) {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message }));
  throw new AppError(
    'bad_request',
    `invalid form: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}
