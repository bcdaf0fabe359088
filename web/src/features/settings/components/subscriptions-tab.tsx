import { type FormEvent, useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DangerTextButton } from '../../../components/danger-text-button';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-card';
import { SelectField } from '../../../components/select-field';
import { type PillTone, StatusPill } from '../../../components/status-pill';
import { TitledCard } from '../../../components/titled-card';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import {
  type NewSubscription,
  type Subscription,
  useCreateSubscription,
  useDeleteSubscription,
  useRunSubscription,
  useSubscriptionRuns,
  useSubscriptions,
} from '../api/subscriptions';
import '../subscriptions.css';

type Kind = NewSubscription['kind'];

const kinds: Record<Kind, { label: string; text: string; schedule: string }> = {
  digest: {
    label: 'Weekly digest',
    text: 'The gap in words and numbers, what changed since the last digest, open alerts and the warm leads nobody is working.',
    schedule: '0 7 * * 1',
  },
  'board-pack': {
    label: 'Board pack',
    text: 'The last closed quarter’s board pack as a PDF, its headline figures and a link that opens it for 14 days.',
    schedule: 'after-quarter 5 07:00',
  },
  alerts: {
    label: 'Alerts',
    text: 'Each alert when it opens or grows more severe, at most once a day.',
    schedule: '0 * * * *',
  },
};

const kindOptions = (Object.keys(kinds) as Kind[]).map((k) => ({ value: k, label: kinds[k].label }));

const schedules: { cron: string; label: string }[] = [
  { cron: '0 7 * * 1', label: 'Mondays at 07:00' },
  { cron: '0 7 * * 1-5', label: 'Weekdays at 07:00' },
  { cron: '0 * * * *', label: 'Every hour' },
  {
    cron: 'after-quarter 5 07:00',
    label: 'Quarterly: the 5th working day after the quarter closes, at 07:00',
  },
];

const describeSchedule = (cron: string) => schedules.find((s) => s.cron === cron)?.label ?? cron;
const statusTone: Record<string, PillTone> = {
  sent: 'good',
  failed: 'bad',
  retrying: 'accent',
  pending: 'accent',
};

/** Reports that come to their readers: who gets which, on which schedule, and what each run sent. */
export function SubscriptionsTab() {
  const list = useSubscriptions();
  const create = useCreateSubscription();
  const run = useRunSubscription();
  const remove = useDeleteSubscription();
  const [kind, setKind] = useState<Kind>('digest');
  const [name, setName] = useState('');
  const [recipients, setRecipients] = useState('');
  const [schedule, setSchedule] = useState(kinds.digest.schedule);
  const [slack, setSlack] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Subscription | null>(null);
  const ids = {
    kind: useId(),
    name: useId(),
    recipients: useId(),
    schedule: useId(),
    slack: useId(),
    hint: useId(),
  };
  const addresses = recipients
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      {
        kind,
        name: name.trim(),
        recipients: addresses,
        schedule,
        ...(slack.trim() && { slackWebhookUrl: slack.trim() }),
      },
      {
        onSuccess: () => {
          setName('');
          setRecipients('');
          setSlack('');
        },
      },
    );
  };
  return (
    <div className="settings-stack" data-testid="settings-subscriptions">
      <TitledCard
        id="subscription-new-title"
        title="New subscription"
        subtitle="Send a report by mail (recipients need no account) and to a Slack channel, on a schedule in the company’s time zone."
      >
        <form className="subscription-form" onSubmit={submit} noValidate>
          <SelectField
            id={ids.kind}
            label="Report"
            value={kind}
            options={kindOptions}
            onValue={(next) => {
              setKind(next);
              setSchedule(kinds[next].schedule);
            }}
            hint={kinds[kind].text}
            testId="subscription-kind"
          />
          <TextField
            id={ids.name}
            label="Name (optional)"
            value={name}
            maxLength={100}
            placeholder="e.g. Board members"
            onValue={setName}
          />
          <div className="field">
            <label htmlFor={ids.recipients}>Mail to</label>
            <textarea
              id={ids.recipients}
              rows={2}
              value={recipients}
              placeholder="ceo@example.com, chair@example.com"
              aria-describedby={ids.hint}
              onChange={(e) => setRecipients(e.target.value)}
              data-testid="subscription-recipients"
            />
            <p id={ids.hint} className="field-hint">
              Addresses separated by commas or new lines. Each mail carries its own unsubscribe link.
            </p>
          </div>
          <SelectField
            id={ids.schedule}
            label="When"
            value={schedule}
            options={schedules.map((s) => ({ value: s.cron, label: s.label }))}
            onValue={setSchedule}
            testId="subscription-schedule"
          />
          <TextField
            id={ids.slack}
            label="Slack webhook (optional)"
            value={slack}
            type="url"
            placeholder="https://hooks.slack.com/services/…"
            onValue={setSlack}
            testId="subscription-slack"
          />
          <SubmitButton
            pending={create.isPending}
            pendingLabel="Saving…"
            disabled={addresses.length === 0 && !slack.trim()}
            testId="subscription-create"
          >
            Subscribe
          </SubmitButton>
        </form>
        <FormError error={create.error} className="card-error" />
      </TitledCard>

      <TitledCard
        id="subscription-list-title"
        title="Subscriptions"
        subtitle="Send one now to see what its readers get; each run lists what was sent to whom."
      >
        <QueryState
          query={list}
          errorTitle="The subscriptions could not be loaded"
          isEmpty={(rows) => rows.length === 0}
          empty={{
            title: 'No subscriptions yet',
            text: 'Add one above: the weekly digest to the CEO, the board pack to the board.',
          }}
          loading={<ul className="subscription-list" />}
        >
          {(rows) => (
            <ul className="subscription-list">
              {rows.map((s) => (
                <li key={s.id} className="subscription-item" data-testid={`subscription-${s.id}`}>
                  <div className="subscription-head">
                    <div>
                      <p className="subscription-title">{s.name || kinds[s.kind].label}</p>
                      <p className="row-meta">
                        {kinds[s.kind].label} · {describeSchedule(s.schedule)} ({s.timezone})
                        {s.nextRunAt && <> · next {formatDateTime(s.nextRunAt)}</>}
                      </p>
                      <p className="row-meta">
                        {s.recipients.length > 0
                          ? s.recipients
                              .map((r) => (r.unsubscribed ? `${r.email} (unsubscribed)` : r.email))
                              .join(', ')
                          : 'No mail recipients'}
                        {s.slack && ' · Slack'}
                      </p>
                    </div>
                    <div className="subscription-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={run.isPending && run.variables === s.id}
                        onClick={() => {
                          run.mutate(s.id);
                          setOpen(s.id);
                        }}
                        data-testid={`subscription-run-${s.id}`}
                      >
                        Send now
                      </button>
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        aria-expanded={open === s.id}
                        onClick={() => setOpen(open === s.id ? null : s.id)}
                      >
                        {open === s.id ? 'Hide runs' : 'Runs'}
                      </button>
                      <DangerTextButton
                        subject={s.name || kinds[s.kind].label}
                        onClick={() => {
                          remove.reset();
                          setDeleting(s);
                        }}
                      >
                        Delete
                      </DangerTextButton>
                    </div>
                  </div>
                  {run.variables === s.id && <FormError error={run.error} />}
                  {open === s.id && <Runs id={s.id} />}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </TitledCard>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting ? deleting.name || kinds[deleting.kind].label : ''}”?`}
        confirmLabel="Delete subscription"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      >
        <p>Its readers get nothing more, and its runs are forgotten.</p>
      </ConfirmDialog>
    </div>
  );
}

function Runs({ id }: { id: number }) {
  const runs = useSubscriptionRuns(id);
  if (runs.isError) return <p className="form-error">{errorMessage(runs.error)}</p>;
  if (!runs.data) return <p className="row-meta">Loading the runs…</p>;
  if (runs.data.length === 0) return <p className="row-meta">Not sent yet.</p>;
  return (
    <ol className="subscription-runs" data-testid={`subscription-runs-${id}`}>
      {runs.data.map((r) => (
        <li key={r.id}>
          <p className="subscription-run-head">
            {formatDateTime(r.createdAt)} · {r.trigger === 'manual' ? 'sent by hand' : 'scheduled'} ·{' '}
            {r.subject}
          </p>
          <ul className="subscription-deliveries">
            {r.deliveries.map((d) => (
              <li key={`${d.channel}-${d.recipient}`}>
                <StatusPill tone={statusTone[d.status]}>{d.status}</StatusPill>{' '}
                <span className="subscription-recipient">{d.recipient}</span>
                {d.error && <span className="row-meta"> {d.error}</span>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
