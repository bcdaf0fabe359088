import { z } from 'zod';

/**
 * How a CRM's records become leads, the same shape for every kind: `source` is the field (HubSpot
 * property, Salesforce field) the lead's source is read from, and `stages` the CRM's values (HubSpot
 * lifecycle stages, Salesforce lead statuses) that count as MQL, sales-ready and opportunity.
 */
export interface ConnectorMapping {
  source: string;
  stages: { mql: string[]; salesReady: string[]; opportunity: string[] };
}

export const stageKeys = ['mql', 'salesReady', 'opportunity'] as const;

/** A value the admin can pick, as the CRM labels it. */
export interface MappingChoice {
  value: string;
  label: string;
}

export interface MappingChoices {
  source: MappingChoice[];
  stages: MappingChoice[];
  /** `account` when read from the connected CRM, `standard` when it could not be reached. */
  from: 'account' | 'standard';
  /** Why the standard choices are offered, when they are. */
  note?: string;
}

/** The defaults of each kind (PRODUCT.md, "Connectors"). */
export const defaultMappings: Record<string, ConnectorMapping> & {
  hubspot: ConnectorMapping;
  salesforce: ConnectorMapping;
} = {
  hubspot: {
    source: 'hs_analytics_source',
    stages: {
      mql: ['marketingqualifiedlead'],
      salesReady: ['salesqualifiedlead'],
      opportunity: ['opportunity'],
    },
  },
  salesforce: {
    source: 'LeadSource',
    stages: { mql: ['Working - Contacted'], salesReady: [], opportunity: ['Closed - Converted'] },
  },
};

const fieldName = z
  .string()
  .trim()
  .min(1, 'names no field')
  .max(100, 'is longer than a field name (100 characters)')
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'is not a field name (a letter, then letters, digits or _)');
const stageValues = z
  .array(z.string().trim().min(1, 'is empty').max(100, 'is over 100 characters'))
  .max(50, 'lists more than 50 values');

/** A mapping as PUT: one stage value may count for one stage only. */
export const mappingBody = z
  .strictObject({
    source: fieldName,
    stages: z.strictObject({ mql: stageValues, salesReady: stageValues, opportunity: stageValues }),
  })
  .superRefine((mapping, ctx) => {
    const seen = new Map<string, string>();
    for (const key of stageKeys) {
      for (const [i, value] of mapping.stages[key].entries()) {
        const earlier = seen.get(value);
        if (earlier) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', key, i],
            message: `"${value}" already counts as ${earlier}; a value may count for one stage only`,
          });
        }
        seen.set(value, key);
      }
    }
  });

/** The mapping a connector syncs with: what the admin saved, else its kind's defaults. */
export function effectiveMapping(kind: string, stored: unknown): ConnectorMapping {
  const parsed = stored ? mappingBody.safeParse(stored) : null;
  if (parsed?.success) return parsed.data;
  const fallback = defaultMappings[kind] ?? defaultMappings.hubspot;
  return structuredClone(fallback);
}

/** Which stage a CRM value counts as under a mapping, if any. */
export function stageOf(
  mapping: ConnectorMapping,
  value: string | null | undefined,
): (typeof stageKeys)[number] | null {
  if (!value) return null;
  for (const key of stageKeys) if (mapping.stages[key].includes(value)) return key;
  return null;
}
