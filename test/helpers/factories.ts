import { hashPassword } from '@salesready/api/auth/password';
import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { leads, type SourceCategory, settings, sources, users } from '@salesready/db/schema/index';
import type { Role } from '@salesready/db/schema/users';

export async function addSource(
  db: Database,
  name: string,
  category: SourceCategory = 'marketing',
): Promise<number> {
  const [row] = await db
    .insert(sources)
    .values({ name, key: name.trim().toLowerCase(), category })
    .returning({ id: sources.id });
  return defined(row).id;
}

export interface LeadInput {
  externalId: string;
  createdAt: string;
  sourceId?: number;
  mqlAt?: string;
  crmSalesReadyAt?: string;
  opportunityAt?: string;
  wonAt?: string;
  lostAt?: string;
  amount?: number;
  /** Budget, authority, need, timeframe. */
  bant?: [boolean, boolean, boolean, boolean];
  segment?: string;
  owner?: string;
}

const at = (value: string | undefined) => (value ? new Date(value) : null);

/** Inserts leads as an import would, then applies the sales-ready rule. */
export async function addLeads(db: Database, rows: LeadInput[]): Promise<void> {
  await db.insert(leads).values(
    rows.map((r) => ({
      externalId: r.externalId,
      createdAt: new Date(r.createdAt),
      sourceId: r.sourceId ?? null,
      mqlAt: at(r.mqlAt),
      crmSalesReadyAt: at(r.crmSalesReadyAt),
      opportunityAt: at(r.opportunityAt),
      wonAt: at(r.wonAt),
      lostAt: at(r.lostAt),
      amount: r.amount ?? null,
      budget: r.bant?.[0] ?? false,
      authority: r.bant?.[1] ?? false,
      need: r.bant?.[2] ?? false,
      timeframe: r.bant?.[3] ?? false,
      segment: r.segment ?? null,
      owner: r.owner ?? null,
      status: r.wonAt ? ('won' as const) : r.lostAt ? ('lost' as const) : ('open' as const),
    })),
  );
  await applySalesReadyRule(db);
}

export async function setSettings(
  db: Database,
  values: Partial<typeof settings.$inferInsert>,
): Promise<void> {
  await db.update(settings).set(values);
}

export async function addUser(
  db: Database,
  email: string,
  password: string,
  role: Role = 'admin',
): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ email, name: email.split('@')[0] ?? '', passwordHash: await hashPassword(password), role })
    .returning({ id: users.id });
  return defined(row).id;
}
