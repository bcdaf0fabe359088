import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { defined } from '@salesready/db/defined';
import type { CsvEncoding } from '@salesready/db/import/csv-source';
import { ImportOptionsError } from '@salesready/db/import/import-options';
import { isLeadField, type LeadField } from '@salesready/db/import/lead-fields';
import type { DateOrder } from '@salesready/db/import/parse-date';
import { presets } from '@salesready/db/import/presets';
import { runImport } from '@salesready/db/import/run-import';
import { parseEnv } from '../env';
import { uploadInChunks } from './chunked-upload';
import { openEnvDb } from './env-db';
import { progressBar } from './progress-bar';

export const importUsage = `import <file.csv> (--map field=column … | --mapping mapping.json | --preset NAME) [options]
  Imports leads from a CSV into the database (DATABASE_URL, else the embedded one in DATA_DIR).
  --map field=column      map a lead field to a column (repeatable; overrides the preset's)
  --mapping FILE          a JSON file: { "fields": {…}, "values": {…}, "constants": {…} } or just { field: column }
  --preset NAME           ${presets.map((p) => p.name).join(', ')}
  --mode upsert|update    update: only update leads found by externalId, add none
  --timezone Area/City    zone of dates written without one (default: the settings' zone)
  --date-order mdy|dmy    day/month order for columns whose values cannot tell
  --value column:raw=mapped  map a raw value of a column (repeatable), e.g. deal_stage:Won=won
  --const field=value     a constant for a field (repeatable), e.g. createdAt=2024-01-01
  --origin NAME           origin system the ids belong to (default: the preset's, else csv)
  --encoding utf-8|latin1
  --batch-size N          rows per transaction (default 5000)
  --server URL            send the file to a running server in chunks (resumable) instead of writing
                          to a database from here; signs in with SALESREADY_EMAIL and SALESREADY_PASSWORD
                          (an admin). Run the same command again to resume an interrupted import.
  --chunk-size BYTES      chunk size for --server (default: the server's proposal; at most 4194304)`;

function pairs(list: string[] | undefined, option: string, sep = '='): [string, string][] {
  return (list ?? []).map((item) => {
    const at = item.indexOf(sep);
    if (at <= 0) throw new UsageError(`--${option} "${item}" is not of the form name${sep}value`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

class UsageError extends Error {}

function fieldsOf(entries: [string, string][], option: string): Partial<Record<LeadField, string>> {
  const out: Partial<Record<LeadField, string>> = {};
  for (const [field, value] of entries) {
    if (!isLeadField(field)) throw new UsageError(`--${option}: "${field}" is not a lead field`);
    out[field] = value;
  }
  return out;
}

export async function importCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n\nusage: pnpm cli ${importUsage}`);
    return 2;
  }
  if (!parsed) {
    console.log(`pnpm cli ${importUsage}`);
    return 0;
  }
  if (parsed.server) return importThroughServer(parsed);
  const env = parseEnv(process.env);
  const handle = await openEnvDb(env);
  const bar = progressBar(process.stderr);
  try {
    const report = await runImport(handle.db, {
      ...parsed,
      onProgress: (p) =>
        bar.update('importing', Math.round(p.bytes / 1024), Math.round((p.totalBytes ?? p.bytes) / 1024)),
    });
    bar.done();
    const n = (v: number) => v.toLocaleString('en-US');
    console.log(
      `Import ${report.id} ${report.status}${report.preset ? ` (preset ${report.preset})` : ''}: ${n(report.read)} rows read, ${n(report.inserted)} inserted, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged, ${n(report.rejected)} rejected (${handle.driver}).`,
    );
    const shown = report.errors.slice(0, 20);
    for (const e of shown) console.log(`  line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
    if (report.errorCount > shown.length) {
      console.log(`  … ${n(report.errorCount - shown.length)} more problems (GET /api/imports/${report.id})`);
    }
    return report.status === 'completed' ? 0 : 1;
  } catch (error) {
    bar.done();
    if (error instanceof ImportOptionsError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      map: { type: 'string', multiple: true },
      mapping: { type: 'string' },
      preset: { type: 'string' },
      mode: { type: 'string' },
      timezone: { type: 'string' },
      'date-order': { type: 'string' },
      value: { type: 'string', multiple: true },
      const: { type: 'string', multiple: true },
      origin: { type: 'string' },
      encoding: { type: 'string' },
      'batch-size': { type: 'string' },
      server: { type: 'string' },
      'chunk-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const [path, ...extra] = positionals;
  if (!path) throw new UsageError('name the CSV file to import');
  if (extra.length > 0) throw new UsageError(`one file at a time (also given: ${extra.join(' ')})`);
  if (!values.map && !values.mapping && !values.preset) {
    throw new UsageError('give a mapping: --map field=column …, --mapping FILE or --preset NAME');
  }
  let fileMapping: {
    fields?: Record<string, string>;
    values?: Record<string, Record<string, string>>;
    constants?: Record<string, string>;
  } = {};
  if (values.mapping) {
    const raw = JSON.parse(readFileSync(values.mapping, 'utf8')) as Record<string, unknown>;
    fileMapping = 'fields' in raw ? (raw as typeof fileMapping) : { fields: raw as Record<string, string> };
  }
  const mapping = {
    ...fieldsOf(Object.entries(fileMapping.fields ?? {}), 'mapping'),
    ...fieldsOf(pairs(values.map, 'map'), 'map'),
  };
  const valueMaps: Record<string, Record<string, string>> = { ...fileMapping.values };
  for (const [column, rest] of pairs(values.value, 'value', ':')) {
    const [raw, mapped] = defined(pairs([rest], 'value')[0]);
    valueMaps[column] = { ...valueMaps[column], [raw]: mapped };
  }
  const constants = {
    ...fieldsOf(Object.entries(fileMapping.constants ?? {}), 'mapping'),
    ...fieldsOf(pairs(values.const, 'const'), 'const'),
  };
  const mode = values.mode;
  if (mode && mode !== 'upsert' && mode !== 'update') throw new UsageError('--mode is upsert or update');
  const dateOrder = values['date-order'];
  if (dateOrder && dateOrder !== 'mdy' && dateOrder !== 'dmy')
    throw new UsageError('--date-order is mdy or dmy');
  const encoding = values.encoding;
  if (encoding && encoding !== 'utf-8' && encoding !== 'latin1')
    throw new UsageError('--encoding is utf-8 or latin1');
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new UsageError('--batch-size must be a positive whole number');
  }
  const chunkBytes = values['chunk-size'] ? Number(values['chunk-size']) : undefined;
  if (
    chunkBytes !== undefined &&
    (!Number.isInteger(chunkBytes) || chunkBytes < 1024 || chunkBytes > 4 * 1024 ** 2)
  ) {
    throw new UsageError('--chunk-size must be a whole number of bytes from 1024 to 4194304');
  }
  const server = values.server ?? process.env.SALESREADY_URL;
  if (values['chunk-size'] && !server) throw new UsageError('--chunk-size goes with --server');
  return {
    ...(server && { server: server.replace(/\/+$/, '') }),
    ...(chunkBytes && { chunkBytes }),
    path,
    fileName: basename(path),
    ...(Object.keys(mapping).length > 0 && { mapping }),
    ...(values.preset && { preset: values.preset }),
    ...(mode && { mode: mode as 'upsert' | 'update' }),
    values: valueMaps,
    constants,
    ...(values.timezone && { timezone: values.timezone }),
    ...(dateOrder && { dateOrder: dateOrder as DateOrder }),
    ...(values.origin && { originSystem: values.origin }),
    ...(encoding && { encoding: encoding as CsvEncoding }),
    ...(batchSize && { batchSize }),
  };
}

type Parsed = NonNullable<ReturnType<typeof parse>>;

/** `--server`: the file goes to a running server in chunks; a second run resumes an unfinished one. */
async function importThroughServer(parsed: Parsed): Promise<number> {
  const server = defined(parsed.server);
  const email = process.env.SALESREADY_EMAIL;
  const password = process.env.SALESREADY_PASSWORD;
  if (!email || !password) {
    console.error('--server signs in as an admin: set SALESREADY_EMAIL and SALESREADY_PASSWORD');
    return 2;
  }
  const login = await fetch(`${server}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!login.ok || !cookie) {
    const body = (await login.json().catch(() => null)) as { error?: { message?: string } } | null;
    console.error(`signing in to ${server} failed: ${body?.error?.message ?? login.status}`);
    return 1;
  }
  const fields: Record<string, string> = {};
  if (parsed.mapping) fields.mapping = JSON.stringify(parsed.mapping);
  if (parsed.preset) fields.preset = parsed.preset;
  if (parsed.mode) fields.mode = parsed.mode;
  if (Object.keys(parsed.values).length > 0) fields.values = JSON.stringify(parsed.values);
  if (Object.keys(parsed.constants).length > 0) fields.constants = JSON.stringify(parsed.constants);
  if (parsed.timezone) fields.timezone = parsed.timezone;
  if (parsed.dateOrder) fields.dateOrder = parsed.dateOrder;
  if (parsed.originSystem) fields.originSystem = parsed.originSystem;
  if (parsed.encoding) fields.encoding = parsed.encoding;
  const headers = { cookie };
  const bar = progressBar(process.stderr);
  try {
    const { id, resumed } = await uploadInChunks({
      server,
      headers,
      path: parsed.path,
      fileName: parsed.fileName,
      fields,
      chunkBytes: parsed.chunkBytes,
      onProgress: (done, size) => bar.update('sending', Math.round(done / 1024), Math.round(size / 1024)),
    });
    bar.done();
    const report = (await (await fetch(`${server}/api/imports/${id}`, { headers })).json()) as {
      status: string;
      read: number;
      inserted: number;
      updated: number;
      unchanged: number;
      rejected: number;
      preset: string | null;
      errors: { line: number; column: string | null; message: string }[];
    };
    const n = (v: number) => v.toLocaleString('en-US');
    console.log(
      `Import ${id} ${report.status}${resumed ? ' (resumed)' : ''}${report.preset ? ` (preset ${report.preset})` : ''}: ${n(report.read)} rows read, ${n(report.inserted)} inserted, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged, ${n(report.rejected)} rejected (${server}).`,
    );
    for (const e of report.errors.slice(0, 20)) {
      console.log(`  line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
    }
    return report.status === 'completed' ? 0 : 1;
  } catch (error) {
    bar.done();
    console.error(`the import stopped: ${(error as Error).message}; run the same command again to resume it`);
    return 1;
  }
}
