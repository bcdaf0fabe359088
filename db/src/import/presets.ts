import { defined } from '../defined';
import type { LeadField } from './lead-fields';
import type { WriteMode } from './write-batch';

/**
 * A ready-made mapping for a known export. Each field lists the column names it is found under
 * (report labels and API names both occur); the first one the file has is used. Value maps are
 * keyed by field here and bound to the column when the preset is applied to a header.
 */
export interface Preset {
  name: string;
  label: string;
  originSystem: string;
  mode: WriteMode;
  fields: Partial<Record<LeadField, string[]>>;
  values?: Partial<Record<LeadField, Record<string, string>>>;
  constants?: Partial<Record<LeadField, string>>;
  /** Columns that must all be present for detectPreset to pick it. */
  signature: string[];
}

/** HubSpot lifecycle stages (labels and internal values) → funnel stages; the connector reads the same table. */
export const hubspotLifecycle: Record<string, string> = {
  subscriber: 'lead',
  lead: 'lead',
  'marketing qualified lead': 'mql',
  marketingqualifiedlead: 'mql',
  'sales qualified lead': 'sales_ready',
  salesqualifiedlead: 'sales_ready',
  opportunity: 'opportunity',
  customer: 'won',
  evangelist: 'won',
  other: 'lead',
};

const hubspotDealStage: Record<string, string> = {
  'closed won': 'won',
  closedwon: 'won',
  'closed lost': 'lost',
  closedlost: 'lost',
  '*': 'opportunity',
};

const salesforceLeadStatus: Record<string, string> = {
  'open - not contacted': 'lead',
  'working - contacted': 'accepted',
  'closed - converted': 'opportunity',
  'closed - not converted': 'disqualified',
  '*': 'lead',
};

const salesforceOpportunityStage: Record<string, string> = {
  'closed won': 'won',
  'closed lost': 'lost',
  '*': 'opportunity',
};

export const presets: Preset[] = [
  {
    name: 'hubspot-contacts',
    label: 'HubSpot contacts export',
    originSystem: 'hubspot',
    mode: 'upsert',
    signature: ['Record ID', 'Lifecycle Stage'],
    fields: {
      externalId: ['Record ID', 'Contact ID'],
      createdAt: ['Create Date', 'Created Date'],
      source: ['Original Source', 'Original Source Type'],
      campaign: ['Original Source Drill-Down 2', 'First Conversion', 'Recent Conversion'],
      company: ['Company Name', 'Associated Company'],
      segment: ['Industry'],
      country: ['Country/Region', 'Country'],
      owner: ['Contact owner', 'HubSpot Owner'],
      mqlAt: [
        'Became a Marketing Qualified Lead Date',
        "Date entered 'Marketing Qualified Lead (Lifecycle Stage)'",
      ],
      salesReadyAt: [
        'Became a Sales Qualified Lead Date',
        "Date entered 'Sales Qualified Lead (Lifecycle Stage)'",
      ],
      opportunityAt: ['Became an Opportunity Date', "Date entered 'Opportunity (Lifecycle Stage)'"],
      wonAt: ['Became a Customer Date', "Date entered 'Customer (Lifecycle Stage)'"],
      score: ['HubSpot Score', 'Lead Score'],
      stage: ['Lifecycle Stage'],
    },
    values: { stage: hubspotLifecycle },
  },
  {
    name: 'hubspot-deals',
    label: 'HubSpot deals export',
    originSystem: 'hubspot-deals',
    mode: 'upsert',
    signature: ['Record ID', 'Deal Stage'],
    fields: {
      externalId: ['Record ID', 'Deal ID'],
      createdAt: ['Create Date', 'Created Date'],
      source: ['Original Source Type', 'Original Source'],
      company: ['Associated Company', 'Company Name'],
      owner: ['Deal owner', 'Deal Owner'],
      opportunityAt: ['Create Date', 'Created Date'],
      wonAt: ['Close Date'],
      lostAt: ['Close Date'],
      amount: ['Amount'],
      stage: ['Deal Stage'],
    },
    values: { stage: hubspotDealStage },
  },
  {
    name: 'salesforce-leads',
    label: 'Salesforce leads export',
    originSystem: 'salesforce',
    mode: 'upsert',
    signature: ['Lead Source', 'Lead Status'],
    fields: {
      externalId: ['Lead ID', 'Id'],
      createdAt: ['Created Date', 'Create Date', 'CreatedDate'],
      source: ['Lead Source', 'LeadSource'],
      company: ['Company / Account', 'Company'],
      segment: ['Industry'],
      country: ['Country'],
      owner: ['Lead Owner', 'Owner Name', 'OwnerId'],
      opportunityAt: ['Converted Date', 'ConvertedDate'],
      stage: ['Lead Status', 'Status'],
    },
    values: { stage: salesforceLeadStatus },
  },
  {
    name: 'salesforce-opportunities',
    label: 'Salesforce opportunities export',
    originSystem: 'salesforce-opportunities',
    mode: 'upsert',
    signature: ['Opportunity ID', 'Stage'],
    fields: {
      externalId: ['Opportunity ID', 'Id'],
      createdAt: ['Created Date', 'CreatedDate'],
      source: ['Lead Source', 'LeadSource'],
      campaign: ['Primary Campaign Source', 'Campaign'],
      company: ['Account Name'],
      segment: ['Industry', 'Type'],
      owner: ['Opportunity Owner', 'Owner Name', 'OwnerId'],
      opportunityAt: ['Created Date', 'CreatedDate'],
      wonAt: ['Close Date', 'CloseDate'],
      lostAt: ['Close Date', 'CloseDate'],
      amount: ['Amount'],
      stage: ['Stage', 'StageName'],
    },
    values: { stage: salesforceOpportunityStage },
  },
  {
    // Olist's 8,000 MQLs: every row is already marketing-qualified on its first contact.
    name: 'olist-mqls',
    label: 'Olist marketing qualified leads',
    originSystem: 'olist',
    mode: 'upsert',
    signature: ['mql_id', 'first_contact_date', 'landing_page_id', 'origin'],
    fields: {
      externalId: ['mql_id'],
      createdAt: ['first_contact_date'],
      mqlAt: ['first_contact_date'],
      source: ['origin'],
      campaign: ['landing_page_id'],
    },
    // Olist writes an unknown origin both as empty and as the word "unknown": both mean no source.
    values: { source: { unknown: '' } },
  },
  {
    // Olist's closed deals: a second file that marks the MQLs it names as won.
    name: 'olist-deals',
    label: 'Olist closed deals (updates the MQLs)',
    originSystem: 'olist',
    mode: 'update',
    signature: ['mql_id', 'won_date', 'sr_id'],
    fields: {
      externalId: ['mql_id'],
      wonAt: ['won_date'],
      segment: ['business_segment'],
      owner: ['sr_id'],
    },
    constants: { stage: 'won' },
  },
  {
    // X Education has no dates at all: the import needs a constant createdAt.
    name: 'x-education',
    label: 'X Education leads',
    originSystem: 'x-education',
    mode: 'upsert',
    signature: ['Prospect ID', 'Lead Number', 'Lead Source', 'Converted'],
    fields: {
      externalId: ['Prospect ID'],
      source: ['Lead Source'],
      country: ['Country'],
      segment: ['Lead Quality'],
      stage: ['Converted'],
    },
    values: { stage: { '1': 'won', '0': 'lead' } },
  },
  {
    // Maven's opportunities: engage_date is when the opportunity opened; close_date is the won or
    // lost date, by deal_stage. Prospecting rows have no date: they are taken as created at the
    // data set's end (2017-12-31), so they stay in the open pipeline.
    name: 'maven-pipeline',
    label: 'Maven CRM sales pipeline',
    originSystem: 'maven',
    mode: 'upsert',
    signature: ['opportunity_id', 'deal_stage', 'engage_date', 'close_value'],
    fields: {
      externalId: ['opportunity_id'],
      createdAt: ['engage_date'],
      opportunityAt: ['engage_date'],
      wonAt: ['close_date'],
      lostAt: ['close_date'],
      amount: ['close_value'],
      company: ['account'],
      owner: ['sales_agent'],
      campaign: ['product'],
      stage: ['deal_stage'],
    },
    values: { stage: { Won: 'won', Lost: 'lost', Engaging: 'opportunity', Prospecting: 'lead' } },
    constants: { createdAt: '2017-12-31' },
  },
];

export function findPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}

const norm = (s: string) => s.trim().toLowerCase();

/** The preset's mapping bound to a file's header: each field to the first of its columns the file has. */
export function bindPreset(
  preset: Preset,
  headers: string[],
): {
  fields: Partial<Record<LeadField, string>>;
  values: Record<string, Record<string, string>>;
  constants: Partial<Record<LeadField, string>>;
} {
  const byName = new Map(headers.map((h) => [norm(h), h]));
  const fields: Partial<Record<LeadField, string>> = {};
  for (const [field, candidates] of Object.entries(preset.fields) as [LeadField, string[]][]) {
    const found = candidates.map((c) => byName.get(norm(c))).find((h) => h !== undefined);
    // A field whose columns are all absent keeps its first name, so the import says which one is missing.
    if (found) fields[field] = found;
    else if (field === 'externalId' || field === 'createdAt') fields[field] = defined(candidates[0]);
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [field, map] of Object.entries(preset.values ?? {}) as [LeadField, Record<string, string>][]) {
    const column = fields[field];
    if (column && byName.has(norm(column))) values[column] = map;
  }
  return { fields, values, constants: { ...preset.constants } };
}

/** The preset whose signature columns the header has (the most specific one when several fit). */
export function detectPreset(headers: string[]): Preset | null {
  const have = new Set(headers.map(norm));
  const fitting = presets.filter((p) => p.signature.every((c) => have.has(norm(c))));
  fitting.sort((a, b) => b.signature.length - a.signature.length);
  return fitting[0] ?? null;
}

// Names a generic export uses for each field, compared with case, spaces and punctuation removed.
const synonyms: Record<LeadField, string[]> = {
  externalId: [
    'externalid',
    'id',
    'recordid',
    'leadid',
    'contactid',
    'prospectid',
    'mqlid',
    'opportunityid',
    'dealid',
  ],
  createdAt: [
    'createdat',
    'createdate',
    'createddate',
    'created',
    'creationdate',
    'firstcontactdate',
    'date',
  ],
  source: ['source', 'leadsource', 'originalsource', 'origin', 'channel', 'utmsource', 'sourcename'],
  campaign: ['campaign', 'utmcampaign', 'campaignname', 'landingpageid', 'landingpage'],
  company: ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation'],
  segment: ['segment', 'industry', 'vertical', 'businesssegment', 'leadquality'],
  country: ['country', 'countryregion', 'countrycode'],
  owner: ['owner', 'leadowner', 'contactowner', 'dealowner', 'salesagent', 'salesrep', 'rep', 'srid'],
  mqlAt: ['mqlat', 'mqldate', 'becameamarketingqualifiedleaddate', 'marketingqualifiedat'],
  salesReadyAt: ['salesreadyat', 'sqldate', 'sqlat', 'salesreadydate', 'becameasalesqualifiedleaddate'],
  acceptedAt: ['acceptedat', 'saldate', 'acceptedate', 'accepteddate'],
  opportunityAt: [
    'opportunityat',
    'opportunitydate',
    'engagedate',
    'becameanopportunitydate',
    'converteddate',
  ],
  wonAt: ['wonat', 'wondate', 'closedwondate', 'becameacustomerdate'],
  lostAt: ['lostat', 'lostdate', 'closedlostdate'],
  amount: ['amount', 'dealvalue', 'closevalue', 'dealamount', 'value', 'revenue'],
  budget: ['budget', 'hasbudget', 'bantbudget'],
  authority: ['authority', 'hasauthority', 'bantauthority'],
  need: ['need', 'hasneed', 'bantneed'],
  timeframe: ['timeframe', 'timing', 'banttimeframe'],
  score: ['score', 'leadscore', 'hubspotscore'],
  stage: ['stage', 'lifecyclestage', 'dealstage', 'leadstatus', 'status', 'converted'],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A best guess at a mapping for an unknown export: an exact synonym first, then a header that
 * contains one (longest synonym wins). Each column is used for one field at most.
 */
export function proposeMapping(headers: string[]): Partial<Record<LeadField, string>> {
  const mapping: Partial<Record<LeadField, string>> = {};
  const used = new Set<string>();
  const squashed = headers.map((h) => ({ header: h, key: squash(h) }));
  for (const pass of ['exact', 'contains'] as const) {
    for (const [field, names] of Object.entries(synonyms) as [LeadField, string[]][]) {
      if (mapping[field]) continue;
      let best: { header: string; length: number } | null = null;
      for (const { header, key } of squashed) {
        if (used.has(header)) continue;
        for (const name of names) {
          const hit = pass === 'exact' ? key === name : name.length >= 4 && key.includes(name);
          if (hit && (!best || name.length > best.length)) best = { header, length: name.length };
        }
      }
      if (best) {
        mapping[field] = best.header;
        used.add(best.header);
      }
    }
  }
  return mapping;
}
