/** Database access of agencies and their columns. */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies, columns } from '../../db/schema/index.ts';

export type AgencyRow = typeof agencies.$inferSelect;
export type ColumnRow = typeof columns.$inferSelect;

export async function findAll(tx: Executor): Promise<AgencyRow[]> {
  return tx.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.name));
}

export async function findById(tx: Executor, id: string): Promise<AgencyRow | undefined> {
  return (await tx.select().from(agencies).where(eq(agencies.id, id)).limit(1))[0];
}

export async function findBySlug(tx: Executor, slug: string): Promise<AgencyRow | undefined> {
  return (await tx.select().from(agencies).where(eq(agencies.slug, slug)).limit(1))[0];
}

export async function findByCode(tx: Executor, code: string): Promise<AgencyRow | undefined> {
  return (await tx.select().from(agencies).where(eq(agencies.code, code)).limit(1))[0];
}

export async function insert(tx: Executor, values: typeof agencies.$inferInsert): Promise<AgencyRow> {
  return (await tx.insert(agencies).values(values).returning())[0]!;
}

export async function update(tx: Executor, id: string, values: Partial<typeof agencies.$inferInsert>): Promise<AgencyRow | undefined> {
  return (await tx.update(agencies).set(values).where(eq(agencies.id, id)).returning())[0];
}

export async function findColumns(tx: Executor, agencyId: string): Promise<ColumnRow[]> {
  return tx.select().from(columns).where(eq(columns.agencyId, agencyId)).orderBy(asc(columns.sort));
}

export async function findAllColumns(tx: Executor): Promise<ColumnRow[]> {
  return tx.select().from(columns).orderBy(asc(columns.sort));
}

export async function findColumn(tx: Executor, id: string): Promise<ColumnRow | undefined> {
  return (await tx.select().from(columns).where(eq(columns.id, id)).limit(1))[0];
}

export async function insertColumn(tx: Executor, values: typeof columns.$inferInsert): Promise<ColumnRow> {
  return (await tx.insert(columns).values(values).returning())[0]!;
}
