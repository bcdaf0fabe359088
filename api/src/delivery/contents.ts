import type { Database } from '@salesready/db/client';
import { quarterName, quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { neglectedLeads } from '@salesready/db/queries/handoff/waiting-leads';
import type { SubscriptionKind } from '@salesready/db/schema/subscriptions';
import { readSettings } from '@salesready/db/settings';
import { openAlerts } from '../figures/alerts';
import { type FigureEntry, figureCatalogue } from '../figures/catalogue';
import { figureAnswer } from '../figures/figure-values';
import { defaultWaitingScope } from '../figures/waiting-scope';
import { formatCount, formatHours, formatMoney, formatRate } from '../reports/format';
import type { Report, ReportLine, ReportSection } from './report';

/*
 * What a subscription's run sends, in two steps: `runContent` reads the figures once per run (stored with
 * the run, so every recipient gets the same numbers and the next digest can say what changed), and
 * `runReport` words them, with links into the app, for one delivery.
 */

const pacedIds = ['leads', 'srls', 'pipelineCreated', 'wonRevenue'] as const;
const headlineIds = ['leads', 'srls', 'srlRate', 'pipelineCreated', 'openPipeline', 'wonRevenue'] as const;

interface AlertLine {
  id: string;
  severity: string;
  title: string;
  link: string;
}

export interface DigestContent {
  kind: 'digest';
  quarter: string;
  asOf: string;
  currency: string;
  figures: Record<string, number | null>;
  /** The figures of this subscription's previous digest, when it was for the same quarter. */
  previous: { asOf: string; figures: Record<string, number | null> } | null;
  alerts: AlertLine[];
  neglected: {
    total: number;
    slaHours: number;
    top: { company: string; source: string; hoursWaiting: number }[];
  };
}

export interface BoardPackContent {
  kind: 'board-pack';
  quarter: string;
  currency: string;
  figures: Record<string, number | null>;
}

export interface AlertsContent {
  kind: 'alerts';
  quarter: string;
  alerts: AlertLine[];
}

export type RunContent = DigestContent | BoardPackContent | AlertsContent;

const pick = (figures: { id: string; value: number | null }[], ids: readonly string[]) =>
  Object.fromEntries(ids.map((id) => [id, figures.find((f) => f.id === id)?.value ?? null]));

/** The quarter a board pack goes out for: the last one that has ended. */
export async function lastClosedQuarter(db: Database, now: Date): Promise<string> {
  const { timezone, fiscalYearStartMonth } = await readSettings(db);
  const current = quarterOfDate(todayIn(timezone, now), fiscalYearStartMonth);
  return shiftQuarter(current.label, -1, fiscalYearStartMonth).label;
}

export async function runContent(
  db: Database,
  kind: SubscriptionKind,
  options: { now: Date; previous: RunContent | null },
): Promise<RunContent> {
  const { now } = options;
  const settings = await readSettings(db);
  if (kind === 'board-pack') {
    const quarter = await lastClosedQuarter(db, now);
    const answer = await figureAnswer(db, { quarter }, now);
    return {
      kind,
      quarter,
      currency: settings.currency,
      figures: pick(answer.figures, [...headlineIds, ...pacedIds.map((m) => `target.${m}`)]),
    };
  }
  const alerts = await openAlerts(db, now);
  const alertLines = alerts.alerts.map((a) => ({
    id: a.id,
    severity: a.severity,
    title: a.title,
    link: a.link,
  }));
  if (kind === 'alerts') return { kind, quarter: alerts.quarter, alerts: alertLines };
  const answer = await figureAnswer(db, { quarter: alerts.quarter }, now);
  const neglected = await neglectedLeads(db, defaultWaitingScope(settings.timezone, now), {
    slaHours: settings.slaHours,
    now,
    limit: 5,
    offset: 0,
  });
  const previous =
    options.previous?.kind === 'digest' && options.previous.quarter === alerts.quarter
      ? options.previous
      : null;
  return {
    kind,
    quarter: alerts.quarter,
    asOf: now.toISOString(),
    currency: settings.currency,
    figures: pick(answer.figures, [
      ...headlineIds,
      ...pacedIds.flatMap((m) => [`target.${m}`, `projection.${m}`, `gap.${m}`]),
    ]),
    previous: previous ? { asOf: previous.asOf, figures: previous.figures } : null,
    alerts: alertLines,
    neglected: {
      total: neglected.total,
      slaHours: settings.slaHours,
      top: neglected.rows.map((r) => ({
        company: r.company ?? r.externalId,
        source: r.source ?? 'No source',
        hoursWaiting: r.hoursWaiting,
      })),
    },
  };
}

const catalogue = new Map<string, FigureEntry>(figureCatalogue.map((f) => [f.id, f]));

function formatFigure(id: string, value: number | null, currency: string): string {
  const unit = catalogue.get(id)?.unit;
  if (unit === 'currency') return formatMoney(value, currency);
  if (unit === 'rate') return formatRate(value);
  return formatCount(value === null ? null : Math.round(value));
}

const label = (id: string) => catalogue.get(id)?.label ?? id;

function figureLine(
  id: string,
  content: { figures: Record<string, number | null>; currency: string },
  note?: string,
): ReportLine {
  return { label: label(id), value: formatFigure(id, content.figures[id] ?? null, content.currency), note };
}

/** The gap panel in words: per paced metric, projection against target and how far short or ahead. */
function gapSentence(m: (typeof pacedIds)[number], c: DigestContent): string | null {
  const target = c.figures[`target.${m}`];
  const projection = c.figures[`projection.${m}`];
  const gap = c.figures[`gap.${m}`];
  if (
    target === null ||
    target === undefined ||
    projection === null ||
    projection === undefined ||
    gap === null ||
    gap === undefined
  )
    return null;
  const f = (id: string, v: number) => formatFigure(id, v, c.currency);
  const where =
    gap > 0 ? `${f(`gap.${m}`, gap)} short` : gap < 0 ? `${f(`gap.${m}`, -gap)} ahead` : 'on target';
  return `${label(`projection.${m}`)}: ${f(`projection.${m}`, projection)} against a target of ${f(`target.${m}`, target)}, ${where}.`;
}

function alertSection(alerts: AlertLine[], appUrl: string, heading: string): ReportSection {
  return {
    heading,
    paragraphs: alerts.length
      ? alerts.map(
          (a) =>
            `${a.severity === 'critical' ? 'Critical' : a.severity === 'warning' ? 'Warning' : 'Note'}: ${a.title}`,
        )
      : ['No open alerts.'],
    link: { text: 'Open the overview', url: `${appUrl}/` },
  };
}

/** A run's title, the same for every recipient: the mail's subject and the report's heading. */
export function runTitle(content: RunContent): string {
  const q = quarterName(content.quarter);
  if (content.kind === 'board-pack') return `Board pack, ${q}`;
  if (content.kind === 'alerts')
    return `${content.alerts.length} alert${content.alerts.length === 1 ? '' : 's'} for ${q}`;
  return `Weekly digest, ${q}`;
}

/** The words of a run for one recipient; `shareUrl` is the board pack's expiring link, when there is one. */
export function runReport(
  content: RunContent,
  appUrl: string,
  extra: { footer: string; shareUrl?: string },
): Report {
  const q = quarterName(content.quarter);
  if (content.kind === 'board-pack') {
    const lines = headlineIds.map((id) => figureLine(id, content));
    return {
      title: runTitle(content),
      summary: `The board pack of ${q} is attached as a PDF, with its headline figures below.`,
      sections: [
        { heading: 'Headline figures', lines },
        {
          heading: 'Against the targets',
          lines: pacedIds
            .filter((m) => content.figures[`target.${m}`] !== null)
            .map((m) => ({
              label: label(m),
              value: formatFigure(m, content.figures[m] ?? null, content.currency),
              note: `target ${formatFigure(`target.${m}`, content.figures[`target.${m}`] ?? null, content.currency)}`,
            })),
        },
        {
          heading: 'Read it online',
          paragraphs: extra.shareUrl
            ? ['The link opens the quarter’s read-only view without signing in, for 14 days.']
            : [],
          link: extra.shareUrl
            ? { text: 'Open the board pack', url: extra.shareUrl }
            : { text: 'Open the board pack', url: `${appUrl}/board-pack?quarter=${content.quarter}` },
        },
      ],
      footer: extra.footer,
    };
  }
  if (content.kind === 'alerts') {
    return {
      title: runTitle(content),
      summary: content.alerts.map((a) => a.title).join('; ') || 'No open alerts.',
      sections: content.alerts.map((a) => ({
        heading: a.title,
        paragraphs: [`Severity: ${a.severity}.`],
        link: { text: 'See what is behind it', url: `${appUrl}${a.link}` },
      })),
      footer: extra.footer,
    };
  }
  const gaps = pacedIds.map((m) => gapSentence(m, content)).filter((s): s is string => s !== null);
  const short = pacedIds.filter((m) => (content.figures[`gap.${m}`] ?? 0) > 0).map((m) => label(m));
  const since = content.previous;
  const change = (id: string) => {
    const now = content.figures[id];
    const before = since?.figures[id];
    if (now === null || now === undefined || before === null || before === undefined) return undefined;
    const d = now - before;
    const unit = catalogue.get(id)?.unit;
    const amount =
      unit === 'rate'
        ? `${(Math.abs(d) * 100).toFixed(1)} pts`
        : formatFigure(id, Math.abs(d), content.currency);
    return d === 0 ? 'unchanged since last digest' : `${d > 0 ? '+' : '−'}${amount} since last digest`;
  };
  return {
    title: runTitle(content),
    summary: short.length
      ? `${q} is pacing short on ${short.join(', ')}.`
      : gaps.length
        ? `${q} is pacing on or ahead of its targets.`
        : `${q} has no targets set: the figures below are to date.`,
    sections: [
      {
        heading: 'The gap',
        paragraphs: gaps.length ? gaps : ['No targets are set for this quarter.'],
        link: { text: 'Open pacing and the gap', url: `${appUrl}/pacing` },
      },
      {
        heading: since ? 'The quarter so far, and what changed' : 'The quarter so far',
        lines: headlineIds.map((id) => figureLine(id, content, change(id))),
        link: { text: 'Open the overview', url: `${appUrl}/` },
      },
      alertSection(content.alerts, appUrl, 'Open alerts'),
      {
        heading: 'Warm leads nobody is working',
        paragraphs: content.neglected.total
          ? [
              `${formatCount(content.neglected.total)} sales-ready lead${content.neglected.total === 1 ? '' : 's'} waiting longer than ${content.neglected.slaHours} h for a first sales touch, of the leads that became sales-ready in the last 365 days.`,
              ...content.neglected.top.map(
                (l) => `${l.company} (${l.source}), waiting ${formatHours(l.hoursWaiting)}`,
              ),
            ]
          : [`No sales-ready lead has waited longer than ${content.neglected.slaHours} h.`],
        link: { text: 'Open the waiting leads', url: `${appUrl}/handoff/neglected` },
      },
    ],
    footer: extra.footer,
  };
}
