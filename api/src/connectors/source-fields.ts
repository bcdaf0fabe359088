import type { MappingChoice } from './mapping';

/** A CRM field (HubSpot contact property, Salesforce Lead field), as far as choosing a source needs. */
export interface CandidateField {
  name: string;
  label: string;
  /** One value of a list (enumeration, picklist), free text, or anything else (numbers, dates, several values). */
  holds: 'one of a list' | 'text' | 'other';
  /** One of the CRM's own source fields (HubSpot's Original and Latest Source, Salesforce's LeadSource). */
  ownSource: boolean;
  custom: boolean;
  hidden: boolean;
}

const namedLikeSource = /source|channel|medium|campaign|utm|referr/i;

/**
 * The fields offered as a lead's source: the CRM's own source fields first (in `first`'s order), then the
 * account's custom fields that hold one value of a list, or text under a name that speaks of a source.
 * The CRM's other fields (hundreds in HubSpot) would bury those, and a multi-select holds no one source.
 */
export function sourceChoices(fields: CandidateField[], first: string[]): MappingChoice[] {
  const offered = fields.filter(
    (f) =>
      !f.hidden &&
      (f.ownSource ||
        (f.custom &&
          (f.holds === 'one of a list' ||
            (f.holds === 'text' && namedLikeSource.test(`${f.name} ${f.label}`))))),
  );
  const rank = (f: CandidateField) => (first.includes(f.name) ? first.indexOf(f.name) : first.length);
  const own = offered.filter((f) => f.ownSource).sort((a, b) => rank(a) - rank(b));
  const custom = offered.filter((f) => !f.ownSource).sort((a, b) => a.label.localeCompare(b.label));
  return [...own, ...custom].map((f) => ({ value: f.name, label: f.label || f.name }));
}
