import { furthestStages, leadSorts, type NumberRange } from '@salesready/db/queries/leads/list-leads';
import { type Stage, stageColumns } from '@salesready/db/queries/stages';
import { z } from 'zod';

const stage = z.enum(Object.keys(stageColumns) as [Stage, ...Stage[]]);

/**
 * `from-to` or `from-` (no upper bound), whole or decimal numbers: the bar of a histogram a
 * drill-down came from. Written as one parameter so a link carries the bar as one value.
 */
function rangeParam(what: string) {
  return z
    .string()
    .regex(/^\d{1,6}(\.\d{1,3})?-(\d{1,6}(\.\d{1,3})?)?$/, `must be a range of ${what} such as 7-14 or 90-`)
    .transform((value, ctx): NumberRange => {
      const [from, to] = value.split('-');
      const range = { from: Number(from), to: to ? Number(to) : null };
      if (range.to !== null && range.to < range.from)
        ctx.addIssue({ code: 'custom', message: `the range of ${what} ends before it starts` });
      return range;
    })
    .optional();
}

/** The lead list's own parameters (besides period and filters), shared by the list and its exports. */
export const leadListShape = {
  dateStage: stage.default('lead'),
  stage: z.enum(furthestStages).optional(),
  reached: stage.optional(),
  /** Days created → sales-ready, from inclusive to exclusive (the days histogram's buckets). */
  srDays: rangeParam('days'),
  /** Marketing touches to sales-ready, both ends included (the touches histogram's bars). */
  srTouches: rangeParam('touches'),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(leadSorts).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

type LeadListQuery = z.output<z.ZodObject<typeof leadListShape>>;

/** The query's lead list options, as `listLeads` and the exports take them. */
export function leadListOptions(query: LeadListQuery) {
  return {
    dateStage: query.dateStage,
    ...(query.stage && { currentStage: query.stage }),
    ...(query.reached && { reached: query.reached }),
    ...(query.srDays && { daysToSalesReady: query.srDays }),
    ...(query.srTouches && { touchesToSalesReady: query.srTouches }),
    ...(query.q && { search: query.q }),
    sort: query.sort,
    descending: query.order === 'desc',
  };
}
