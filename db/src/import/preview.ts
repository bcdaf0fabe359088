import { type CsvEncoding, CsvFileError, type CsvRow, openCsv } from './csv-source';
import type { LeadField, LeadWrite, RowProblem } from './lead-fields';
import { compileMapping, MappingError, type MappingSpec } from './map-row';
import type { DateColumnAnalysis, DateOrder } from './parse-date';
import { bindPreset, detectPreset, findPreset, proposeMapping } from './presets';
import type { WriteMode } from './write-batch';

export interface PreviewOptions {
  stream: AsyncIterable<Buffer | Uint8Array | string>;
  mapping?: Partial<Record<LeadField, string>>;
  preset?: string;
  mode?: WriteMode;
  values?: Record<string, Record<string, string>>;
  constants?: Partial<Record<LeadField, string>>;
  timezone: string;
  dateOrder?: DateOrder;
  encoding?: CsvEncoding;
  /** Rows shown (default 20); more are read (up to `sampleRows`) to decide date formats. */
  rows?: number;
  sampleRows?: number;
}

export interface PreviewResult {
  headers: string[];
  delimiter: string;
  /** The preset asked for, or the one the header matches. */
  preset: string | null;
  detectedPreset: string | null;
  /** A guess for every field from the column names (for a file no preset fits). */
  proposedMapping: Partial<Record<LeadField, string>>;
  /** The mapping the rows below were mapped with. */
  mapping: Partial<Record<LeadField, string>>;
  values: Record<string, Record<string, string>>;
  constants: Partial<Record<LeadField, string>>;
  mode: WriteMode;
  dateFormats: Record<string, DateColumnAnalysis>;
  /** Problems that would stop the import (missing column, ambiguous dates…). */
  problems: RowProblem[];
  rows: { line: number; lead: LeadWrite | null; problems: RowProblem[] }[];
}

/** The first rows of a file mapped as an import would store them, without writing anything. */
export async function previewImport(options: PreviewOptions): Promise<PreviewResult> {
  const shown = options.rows ?? 20;
  const sampleSize = Math.max(shown, options.sampleRows ?? 1_000);
  const source = await openCsv(options.stream, { encoding: options.encoding });
  const sample: CsvRow[] = [];
  try {
    for (let next = await source.rows.next(); !next.done; next = await source.rows.next()) {
      sample.push(next.value);
      if (sample.length >= sampleSize) break;
    }
  } catch (error) {
    // A preview of a cut-off prefix may end inside a quoted field: show what was read.
    if (!(error instanceof CsvFileError) || sample.length === 0) throw error;
  } finally {
    source.close();
  }
  const detected = detectPreset(source.headers);
  const preset = options.preset ? findPreset(options.preset) : options.mapping ? undefined : detected;
  if (options.preset && !preset)
    throw new MappingError([{ line: 0, column: null, message: `unknown preset "${options.preset}"` }]);
  const proposedMapping = proposeMapping(source.headers);
  const bound = preset ? bindPreset(preset, source.headers) : { fields: {}, values: {}, constants: {} };
  const mode = options.mode ?? preset?.mode ?? 'upsert';
  const spec: MappingSpec = {
    fields: { ...(preset || options.mapping ? bound.fields : proposedMapping), ...options.mapping },
    values: { ...bound.values, ...options.values },
    constants: { ...bound.constants, ...options.constants },
    timezone: options.timezone,
    ...(options.dateOrder && { dateOrder: options.dateOrder }),
  };
  const result: PreviewResult = {
    headers: source.headers,
    delimiter: source.delimiter,
    preset: preset?.name ?? null,
    detectedPreset: detected?.name ?? null,
    proposedMapping,
    mapping: spec.fields,
    values: spec.values ?? {},
    constants: spec.constants ?? {},
    mode,
    dateFormats: {},
    problems: [],
    rows: [],
  };
  try {
    const compiled = compileMapping(
      source.headers,
      spec,
      sample.map((r) => r.fields),
      mode,
    );
    result.dateFormats = compiled.dateFormats;
    for (const row of sample.slice(0, shown)) {
      const mapped = compiled.mapRow(row.fields, row.line);
      result.rows.push(
        'lead' in mapped
          ? { line: row.line, lead: mapped.lead, problems: [] }
          : { line: row.line, lead: null, problems: mapped.problems },
      );
    }
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    result.problems = error.problems;
    result.rows = sample.slice(0, shown).map((r) => ({ line: r.line, lead: null, problems: [] }));
  }
  return result;
}
