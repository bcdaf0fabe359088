import '../import-file.css';
import '../import-mapping.css';
import '../import-report.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCompanySettings } from '../../../lib/company-settings';
import { useDemoData } from '../../../lib/demo-data';
import { formatInteger } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { usePresets } from '../api/get-presets';
import {
  type ImportRequest,
  previewBytes,
  previewQueryOptions,
  useImportPreview,
} from '../api/preview-import';
import { type SourceChoice, useRememberSources } from '../api/remember-sources';
import {
  type ChunkedUpload,
  cancelUpload,
  findResumable,
  type UploadProgress,
  useStartImport,
} from '../api/start-import';
import { type CsvSample, readSample } from '../csv-sample';
import { type Draft, definedOptions, draftFrom, type ReadOptions, requestOf, setField } from '../draft';
import { useImportsUrl } from '../imports-url';
import { CheckStep } from './check-step';
import { ColumnsStep } from './columns-step';
import { FileStep } from './file-step';
import { ImportHistory } from './import-history';
import { ImportProgress, ImportRunView, type LocalRun } from './import-run';
import { SourceConfirm } from './source-confirm';
import { FileBar, Stepper, steps } from './wizard-parts';

type Step = 'file' | 'columns' | 'check';

interface Chosen {
  file: File;
  /** The bytes the preview reads: the first ~1 MB. */
  head: Blob;
  key: string;
}

/**
 * The CSV import wizard (admins): choose a file, match its columns to lead fields, check the first
 * rows as they will be stored, import with a progress bar, read the report; the history below.
 */
export function ImportsPage() {
  const [url, setUrl] = useImportsUrl();
  const queryClient = useQueryClient();
  const presets = usePresets();
  const settings = useCompanySettings();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [options, setOptions] = useState<ReadOptions>({});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [presetDraft, setPresetDraft] = useState<Draft | null>(null);
  const [step, setStep] = useState<Step>('file');
  const [sample, setSample] = useState<CsvSample | null>(null);
  const [upload, setUpload] = useState<UploadProgress | undefined>(undefined);
  // An unfinished import of the file just chosen: offered to resume before anything else.
  const [resumable, setResumable] = useState<{ file: File; upload: ChunkedUpload } | null>(null);
  const runs = useRef(new Map<number, LocalRun>());
  const start = useStartImport();
  // The sources confirmed in the check step, remembered as aliases just before the import starts.
  const remember = useRememberSources();
  const sourceChoices = useRef<SourceChoice[]>([]);
  const onSourceChoices = useCallback((choices: SourceChoice[]) => {
    sourceChoices.current = choices;
  }, []);
  const demo = useDemoData();

  // A new file, a preset picked or the encoding changed: the preview's proposal becomes the draft.
  const reader = useMutation({
    mutationFn: ({ target, base }: { target: Chosen; base: ImportRequest }) =>
      queryClient.fetchQuery(
        previewQueryOptions({
          head: target.head,
          fileName: target.file.name,
          fileKey: target.key,
          request: base,
        }),
      ),
    onSuccess: (result, { target, base }) => {
      const next = draftFrom(result);
      const ofPreset = result.preset ? next : null;
      const readOptions: ReadOptions = {
        timezone: base.timezone,
        dateOrder: base.dateOrder,
        encoding: base.encoding,
      };
      // The same mapping sent in full previews the same: seed it rather than read the file again.
      queryClient.setQueryData(
        previewQueryOptions({
          head: target.head,
          fileName: target.file.name,
          fileKey: target.key,
          request: requestOf(next, ofPreset, readOptions, presets.data),
        }).queryKey,
        result,
      );
      setDraft(next);
      setPresetDraft(ofPreset);
      setStep((s) => (s === 'file' ? 'columns' : s));
    },
  });

  const request = useMemo(
    () => (draft ? requestOf(draft, presetDraft, options, presets.data) : null),
    [draft, presetDraft, options, presets.data],
  );
  const preview = useImportPreview(
    chosen && request
      ? { head: chosen.head, fileName: chosen.file.name, fileKey: chosen.key, request }
      : null,
  );
  const data = preview.data;
  const delimiter = data?.delimiter;

  useEffect(() => {
    if (!chosen || !delimiter) return;
    let live = true;
    void readSample(chosen.head, chosen.file.size, delimiter, options.encoding).then((s) => {
      if (live) setSample(s);
    });
    return () => {
      live = false;
    };
  }, [chosen, delimiter, options.encoding]);

  const choose = async (file: File) => {
    setResumable(null);
    const open = await findResumable(file).catch(() => null);
    if (open) {
      setResumable({ file, upload: open });
      return;
    }
    read(file);
  };
  const read = (file: File) => {
    const target: Chosen = {
      file,
      head: file.slice(0, previewBytes),
      key: `${file.name}:${file.size}:${file.lastModified}`,
    };
    setChosen(target);
    setDraft(null);
    setPresetDraft(null);
    setSample(null);
    setOptions({ timezone: options.timezone });
    start.reset();
    reader.mutate({ target, base: definedOptions({ timezone: options.timezone }) });
  };
  const reset = () => {
    setChosen(null);
    setDraft(null);
    setPresetDraft(null);
    setSample(null);
    setStep('file');
    reader.reset();
    start.reset();
  };
  const patchDraft = (patch: (d: Draft) => Draft) => setDraft((d) => (d ? patch(d) : d));
  const choosePreset = (name: string) => {
    if (!chosen) return;
    if (name === '') {
      setDraft({
        preset: null,
        mapping: { ...(data?.proposedMapping ?? {}) },
        values: {},
        constants: {},
        mode: draft?.mode ?? 'upsert',
      });
      setPresetDraft(null);
    } else {
      reader.mutate({ target: chosen, base: { preset: name, ...definedOptions(options) } });
    }
  };

  const resume = () => {
    if (!resumable) return;
    const { file, upload: open } = resumable;
    setResumable(null);
    send(
      { file, resume: open },
      {
        file,
        estimatedRows: null,
        exactRows: false,
        delimiter: ',',
        encoding: 'utf-8',
        presetLabel: null,
      },
    );
  };
  const startOver = () => {
    if (!resumable) return;
    const { file, upload: open } = resumable;
    setResumable(null);
    void cancelUpload(open.id).finally(() => read(file));
  };

  const begin = async () => {
    if (!chosen || !request) return;
    if (sourceChoices.current.length > 0) {
      try {
        await remember.mutateAsync(sourceChoices.current);
      } catch {
        return; // shown in the step, nothing imported
      }
    }
    const local: LocalRun = {
      file: chosen.file,
      estimatedRows: sample?.estimatedRows ?? null,
      exactRows: sample?.complete ?? false,
      delimiter: data?.delimiter ?? ',',
      encoding: options.encoding ?? 'utf-8',
      presetLabel: presets.data?.find((p) => p.name === draft?.preset)?.label ?? null,
    };
    send({ file: chosen.file, request }, local);
  };
  const send = (input: { file: File; request?: ImportRequest; resume?: ChunkedUpload }, local: LocalRun) => {
    setUpload({
      id: input.resume?.id ?? 0,
      committedBytes: input.resume?.committedBytes ?? 0,
      size: input.file.size,
      read: 0,
      inserted: 0,
      updated: 0,
      rejected: 0,
    });
    start.mutate(
      { ...input, onProgress: setUpload },
      {
        onSuccess: (id) => {
          runs.current.set(id, local);
          setUpload(undefined);
          setChosen(null);
          setDraft(null);
          setPresetDraft(null);
          setSample(null);
          setStep('file');
          setUrl({ importId: id });
        },
        onError: () => setUpload(undefined),
      },
    );
  };

  const running = url.importId !== undefined || upload !== undefined;
  const stepIndex = running ? 3 : steps.findIndex((s) => s.id === step);
  // Each step starts at its top, not where the button of the last one was.
  useEffect(() => {
    if (stepIndex > 0) window.scrollTo({ top: 0 });
  }, [stepIndex]);

  return (
    <div className="page" data-testid="import-page">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">Import leads</h1>
          <p className="page-subtitle">
            CSV exports from HubSpot, Salesforce or any CRM. Importing a file again updates its leads, never
            duplicates them.
          </p>
        </div>
      </header>

      {demo.data && demo.data.leads > 0 && (
        <aside className="callout" data-testid="import-demo-notice" aria-label="Demo data">
          <div>
            <p className="callout-title">The demo data is still here</p>
            <p className="callout-text">
              This database holds {formatInteger(demo.data.leads)} invented demo leads, and the leads you
              import are counted with them. <Link to="/settings">Start with your own data</Link> in Settings
              removes them first.
            </p>
          </div>
        </aside>
      )}

      <Stepper
        current={stepIndex}
        onStep={(index) => {
          if (running || index >= stepIndex) return;
          if (index === 0) reset();
          else setStep(steps[index]?.id as Step);
        }}
      />

      {url.importId !== undefined ? (
        <ImportRunView
          key={url.importId}
          id={url.importId}
          local={runs.current.get(url.importId)}
          onAnother={() => {
            reset();
            setUrl({});
          }}
        />
      ) : upload !== undefined && start.variables ? (
        <ImportProgress
          fileName={start.variables.file.name}
          upload={upload}
          local={{
            file: start.variables.file,
            estimatedRows: sample?.estimatedRows ?? null,
            exactRows: sample?.complete ?? false,
            delimiter: ',',
            encoding: 'utf-8',
            presetLabel: null,
          }}
        />
      ) : step === 'file' || !chosen || !draft || !data ? (
        <section className="card import-card" aria-label="Choose a file">
          <FileStep
            reading={reader.isPending ? (chosen?.file ?? null) : null}
            lastFile={chosen?.file.name}
            error={reader.error}
            presets={presets.data}
            onFile={(file) => void choose(file)}
            resumable={resumable?.upload ?? null}
            onResume={resume}
            onStartOver={startOver}
            sendError={start.error}
            onLatin1={
              chosen
                ? () => {
                    setOptions((o) => ({ ...o, encoding: 'latin1' }));
                    reader.mutate({
                      target: chosen,
                      base: definedOptions({ timezone: options.timezone, encoding: 'latin1' }),
                    });
                  }
                : undefined
            }
          />
        </section>
      ) : (
        <section className="card import-card" aria-labelledby="wizard-step-title">
          <FileBar
            file={chosen.file}
            preview={data}
            sample={sample}
            presets={presets.data}
            preset={draft.preset}
            onReplace={reset}
          />
          {step === 'columns' ? (
            <ColumnsStep
              preview={data}
              draft={draft}
              sample={sample}
              presets={presets.data}
              options={options}
              defaultTimezone={settings.data?.timezone ?? 'UTC'}
              refreshing={preview.isFetching || reader.isPending}
              previewError={preview.isError ? preview.error : null}
              onRetry={() => void preview.refetch()}
              onPreset={choosePreset}
              onMode={(mode) => patchDraft((d) => ({ ...d, mode }))}
              onOptions={(patch) => setOptions((o) => ({ ...o, ...patch }))}
              onMapping={(field, column) =>
                patchDraft((d) => ({ ...d, mapping: setField(d.mapping, field, column) }))
              }
              onConstant={(field, value) =>
                patchDraft((d) => ({ ...d, constants: setField(d.constants, field, value) }))
              }
              onValues={(column, map) =>
                patchDraft((d) => {
                  const values = { ...d.values };
                  if (Object.keys(map).length) values[column] = map;
                  else delete values[column];
                  return { ...d, values };
                })
              }
              onBack={reset}
              onNext={() => setStep('check')}
            />
          ) : (
            <CheckStep
              preview={data}
              draft={draft}
              sample={sample}
              refreshing={preview.isFetching}
              starting={start.isPending}
              startError={start.error ?? remember.error}
              onBack={() => setStep('columns')}
              onImport={() => void begin()}
            >
              <SourceConfirm preview={data} onChange={onSourceChoices} />
            </CheckStep>
          )}
        </section>
      )}

      <ImportHistory current={url.importId} />
    </div>
  );
}
