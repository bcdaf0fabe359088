import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';

export interface Dimensions {
  sources: { id: number; name: string; category: string; leads: number }[];
  segments: { value: string; leads: number }[];
  countries: { value: string; leads: number }[];
  owners: { value: string; leads: number }[];
}

// Filter pickers offer at most this many values of a free-text attribute, the most common first.
const maxValues = 200;

/** The values each lead filter can take, with how many leads carry each, for the filter pickers. */
export async function dimensions(db: Database): Promise<Dimensions> {
  const values = (column: 'segment' | 'country' | 'owner') =>
    selectRows<{ value: string; leads: number }>(
      db,
      sql`select ${sql.raw(column)} as value, count(*)::int as leads from leads
          where ${sql.raw(column)} is not null group by 1 order by 2 desc, 1 limit ${maxValues}`,
    );
  const [sources, segments, countries, owners] = await Promise.all([
    selectRows<Dimensions['sources'][number]>(
      db,
      sql`select s.id, s.name, s.category, coalesce(c.n, 0)::int as leads
          from sources s left join (select source_id, count(*) as n from leads group by 1) c on c.source_id = s.id
          order by s.name`,
    ),
    values('segment'),
    values('country'),
    values('owner'),
  ]);
  return { sources, segments, countries, owners };
}
