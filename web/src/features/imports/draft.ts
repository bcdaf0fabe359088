import type { ImportPreset } from './api/get-presets';
import type {
  CsvEncoding,
  DateOrder,
  ImportMode,
  ImportPreview,
  ImportRequest,
  LeadField,
} from './api/preview-import';

/** How the file's columns become lead fields, as the person has set it so far. */
export interface Draft {
  preset: string | null;
  mapping: Partial<Record<LeadField, string>>;
  /** column → { raw value → mapped value }; `*` maps any other non-empty value. */
  values: Record<string, Record<string, string>>;
  constants: Partial<Record<LeadField, string>>;
  mode: ImportMode;
}

/** How the file is read, whatever the mapping. */
export interface ReadOptions {
  timezone?: string;
  dateOrder?: DateOrder;
  encoding?: CsvEncoding;
}

/** The mapping a preview was made with: the starting point the person edits. */
export function draftFrom(preview: ImportPreview): Draft {
  return {
    preset: preview.preset,
    mapping: { ...preview.mapping },
    values: structuredClone(preview.values),
    constants: { ...preview.constants },
    mode: preview.mode,
  };
}

/**
 * The request for a draft. The preset travels by name (so the history says which export it was)
 * as long as nothing it set has been taken away: the API lays the fields sent over the preset's,
 * so it can change a preset's choice but not remove one. Otherwise the mapping goes alone, with
 * the preset's origin system, so re-imports still find the leads by their ids.
 */
export function requestOf(
  draft: Draft,
  presetDraft: Draft | null,
  options: ReadOptions,
  presets: ImportPreset[] | undefined,
): ImportRequest {
  const keepsPreset =
    draft.preset !== null &&
    presetDraft?.preset === draft.preset &&
    (Object.keys(presetDraft.mapping) as LeadField[]).every((f) => draft.mapping[f]) &&
    (Object.keys(presetDraft.constants) as LeadField[]).every((f) => draft.constants[f] !== undefined) &&
    Object.keys(presetDraft.values).every((column) => draft.values[column]);
  const originSystem = presets?.find((p) => p.name === draft.preset)?.originSystem;
  const request: ImportRequest = {
    ...(keepsPreset ? { preset: draft.preset ?? undefined } : originSystem ? { originSystem } : {}),
    mapping: draft.mapping,
    mode: draft.mode,
  };
  if (Object.keys(draft.values).length) request.values = draft.values;
  if (Object.keys(draft.constants).length) request.constants = draft.constants;
  return { ...request, ...definedOptions(options) };
}

export function definedOptions(options: ReadOptions): ReadOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ReadOptions;
}

export function setField<T>(
  record: Partial<Record<LeadField, T>>,
  field: LeadField,
  value: T | undefined,
): Partial<Record<LeadField, T>> {
  const next = { ...record };
  if (value === undefined || value === '') delete next[field];
  else next[field] = value;
  return next;
}
