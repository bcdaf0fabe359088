import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace: the same figures always give the
 * same bytes, whatever order the queries built their objects in, so their hash can be compared.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
