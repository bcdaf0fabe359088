import { sourceKey } from './source-key';

/**
 * How an imported source name is compared with the sources there are: case, spacing, underscores,
 * hyphens, dots and slashes ignored, "&" read as "and" ("paid_search", "Paid-Search " and
 * "paid search" are one name).
 */
export function sourceMatchKey(name: string): string {
  return sourceKey(name)
    .replace(/&/g, ' and ')
    .replace(/[\s_\-\u2010-\u2015./]+/g, ' ')
    .trim();
}

/**
 * The common other names of a few channels, by match key: an imported "PPC" joins the source whose
 * name matches "paid search". Short on purpose: a wrong guess is worse than a new source, which
 * the confirmation step and a merge fix.
 */
const synonymGroups: readonly (readonly string[])[] = [
  ['paid search', 'ppc', 'cpc', 'sem', 'adwords', 'google ads', 'search ads', 'bing ads', 'paid search ads'],
  ['organic search', 'seo', 'organic', 'search engine', 'google organic'],
  ['paid social', 'social ads', 'facebook ads', 'meta ads', 'social paid'],
  ['organic social', 'social', 'social media'],
  ['linkedin ads', 'linkedin paid', 'linkedin advertising', 'linkedin sponsored'],
  ['email', 'e mail', 'email marketing', 'newsletter'],
  ['events and trade shows', 'events', 'event', 'trade shows', 'trade show', 'conferences'],
  ['webinars', 'webinar'],
  ['content syndication', 'syndication'],
  ['partner referrals', 'partner referral', 'partners', 'partner', 'channel partners'],
  ['referrals', 'referral', 'word of mouth'],
  ['outbound sdr', 'outbound', 'sdr', 'cold outreach', 'cold calling'],
  ['direct', 'direct traffic', 'typed'],
];

const synonymsByKey = new Map<string, readonly string[]>();
for (const group of synonymGroups) for (const key of group) synonymsByKey.set(key, group);

/** The match keys a name's synonyms have (the name's own excluded), or none. */
export function synonymKeys(name: string): readonly string[] {
  const key = sourceMatchKey(name);
  return (synonymsByKey.get(key) ?? []).filter((k) => k !== key);
}
