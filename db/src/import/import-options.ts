import type { Database } from '../client';
import { settings } from '../schema/settings';
import type { LeadField } from './lead-fields';
import { MappingError, type MappingSpec } from './map-row';
import { assertTimeZone, type DateOrder } from './parse-date';
import { bindPreset, detectPreset, findPreset, type Preset, presets, proposeMapping } from './presets';
import type { WriteMode } from './write-batch';

/** How a file's columns become leads: what a streamed and a chunked import both take. */
export interface MappingOptions {
  /** field → column; fields given here override the preset's. */
  mapping?: Partial<Record<LeadField, string>>;
  preset?: string;
  mode?: WriteMode;
  /** column → { raw: mapped }. */
  values?: Record<string, Record<string, string>>;
  constants?: Partial<Record<LeadField, string>>;
  /** IANA zone for dates without one; default: the settings' time zone. */
  timezone?: string;
  dateOrder?: DateOrder;
  /** Leads are unique by (origin system, external id); default: the preset's, else `csv`. */
  originSystem?: string;
}

/** Options the import cannot start with (unknown preset, bad time zone…): nothing is recorded. */
export class ImportOptionsError extends Error {}

/** The options every import checks before anything is recorded: a known preset, a known time zone. */
export async function checkOptions(
  db: Database,
  options: Pick<MappingOptions, 'preset' | 'timezone'>,
): Promise<{ preset: Preset | undefined; timezone: string }> {
  const preset = options.preset ? findPreset(options.preset) : undefined;
  if (options.preset && !preset) {
    throw new ImportOptionsError(
      `unknown preset "${options.preset}" (presets: ${presets.map((p) => p.name).join(', ')})`,
    );
  }
  let timezone = options.timezone;
  if (!timezone) {
    const [row] = await db.select({ timezone: settings.timezone }).from(settings);
    timezone = row?.timezone ?? 'UTC';
  }
  try {
    assertTimeZone(timezone);
  } catch (error) {
    throw new ImportOptionsError((error as Error).message);
  }
  return { preset, timezone };
}

/** The mapping for a file's header: the given fields over the preset's (named, or recognised by its columns). */
export function prepareMapping(
  headers: string[],
  options: Pick<MappingOptions, 'mapping' | 'mode' | 'values' | 'constants' | 'dateOrder' | 'originSystem'>,
  preset: Preset | undefined,
  timezone: string,
): { spec: MappingSpec; mode: WriteMode; preset: string | null; originSystem: string } {
  const activePreset = preset ?? (options.mapping ? undefined : (detectPreset(headers) ?? undefined));
  if (!options.mapping && !activePreset) {
    const proposal = Object.entries(proposeMapping(headers))
      .map(([f, c]) => `${f}=${c}`)
      .join(', ');
    throw new MappingError([
      {
        line: 1,
        column: null,
        message: `no mapping given and no preset fits these columns; a proposal: ${proposal || '(none)'}`,
      },
    ]);
  }
  const bound = activePreset ? bindPreset(activePreset, headers) : { fields: {}, values: {}, constants: {} };
  return {
    spec: {
      fields: { ...bound.fields, ...options.mapping },
      values: { ...bound.values, ...options.values },
      constants: { ...bound.constants, ...options.constants },
      timezone,
      ...(options.dateOrder && { dateOrder: options.dateOrder }),
    },
    mode: options.mode ?? activePreset?.mode ?? 'upsert',
    preset: activePreset?.name ?? null,
    originSystem: options.originSystem ?? activePreset?.originSystem ?? 'csv',
  };
}
