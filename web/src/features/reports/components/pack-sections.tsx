import type { ReactNode } from 'react';
import { quarterName } from '../../../lib/quarters';
import type { SharedPack } from '../api/get-shared-pack';
import { SharedCohorts } from './shared-cohorts';
import { type CommentarySection, moneyFormats } from './shared-figures';
import { SharedFunnel } from './shared-funnel';
import { SharedHandoff } from './shared-handoff';
import { SharedKpiTiles } from './shared-kpi-tiles';
import { pacingIntro, SharedPacing } from './shared-pacing';
import { SharedSection } from './shared-section';
import { SharedSources } from './shared-sources';
import { SharedSpeed } from './shared-speed';

type Money = ReturnType<typeof moneyFormats>;

/** Each section in the pack's order: the sentence under its title (how it counts), and its figures. */
const sections: {
  section: CommentarySection;
  intro: (pack: SharedPack) => string;
  body: (pack: SharedPack, money: Money) => ReactNode;
}[] = [
  {
    section: 'summary',
    intro: (pack) =>
      `Changes are against the previous quarter (QoQ, ${quarterName(pack.previous.label)}) and the same quarter a year before (YoY, ${quarterName(pack.yearAgo.label)})${pack.daysElapsed === null ? '' : `, each cut to its first ${pack.daysElapsed} days`}.`,
    body: (pack, money) => (
      <>
        <div className="shared-block">
          <SharedKpiTiles pack={pack} money={money} />
        </div>
        <div className="shared-block">
          <h3 className="shared-subheading">Pacing and the gap</h3>
          <p className="shared-note">{pacingIntro(pack.pacing)}</p>
        </div>
        <SharedPacing pacing={pack.pacing} money={money} />
      </>
    ),
  },
  {
    section: 'sources',
    intro: () =>
      'Period view: each figure counts the events that happened in the quarter (leads created, leads that became sales-ready, deals won), so the totals match the executive summary.',
    body: (pack, money) => <SharedSources pack={pack} money={money} />,
  },
  {
    section: 'funnel',
    intro: () =>
      'Cohort view: the leads created in the quarter, followed to today; every stage they reached counts, whenever it happened.',
    body: (pack) => <SharedFunnel funnel={pack.funnel} />,
  },
  {
    section: 'speed',
    intro: () =>
      'Days from creation to sales-ready for the leads that became sales-ready in the quarter: median and 75th percentile.',
    body: (pack) => <SharedSpeed pack={pack} />,
  },
  {
    section: 'cohorts',
    intro: () =>
      'Leads grouped by the fiscal quarter they were created in, and the share sales-ready and won within 30, 90 and 180 days of creation and to date. An age stays empty until the whole cohort is that old.',
    body: (pack, money) => <SharedCohorts cohorts={pack.cohorts} money={money} />,
  },
  {
    section: 'handoff',
    intro: (pack) =>
      `The leads that became sales-ready in the quarter: speed to the first sales follow-up against the ${pack.handoff.slaHours} h SLA, acceptance, and the leads still waiting.`,
    body: (pack) => <SharedHandoff handoff={pack.handoff} />,
  },
];

/**
 * The pack's sections as the PDF prints them, from its own figures: every section (the share view),
 * or one (the board pack page's preview).
 */
export function PackSections({ pack, only }: { pack: SharedPack; only?: CommentarySection }) {
  const money = moneyFormats(pack.currency);
  return (
    <>
      {sections
        .filter(({ section }) => only === undefined || only === section)
        .map(({ section, intro, body }) => (
          <SharedSection key={section} section={section} pack={pack} intro={intro(pack)}>
            {body(pack, money)}
          </SharedSection>
        ))}
    </>
  );
}
