/** Database access of the training module (settings, manual overrides, attempts). */
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { manualOverrides, trainingAttempts, trainingSettings } from '../../db/schema/index.ts';

export type OverrideRow = typeof manualOverrides.$inferSelect;
export type AttemptRow = typeof trainingAttempts.$inferSelect;

/** Agencies among `agencyIds` that require training. */
export async function findRequiringAgencies(tx: Executor, agencyIds: string[]): Promise<string[]> {
  if (agencyIds.length === 0) return [];
  const rows = await tx
    .select({ agencyId: trainingSettings.agencyId })
    .from(trainingSettings)
    .where(and(inArray(trainingSettings.agencyId, agencyIds), eq(trainingSettings.requireTraining, true)));
  return rows.map((r) => r.agencyId);
}

export async function upsertSetting(tx: Executor, agencyId: string, requireTraining: boolean): Promise<void> {
  await tx
    .insert(trainingSettings)
    .values({ agencyId, requireTraining, updatedAt: new Date() })
    .onConflictDoUpdate({ target: trainingSettings.agencyId, set: { requireTraining, updatedAt: new Date() } });
}

/** (agency, role) pairs the user has passed, among `agencyIds`. */
export async function findPassed(tx: Executor, userId: string, agencyIds: string[]): Promise<Array<{ agencyId: string; role: string }>> {
  if (agencyIds.length === 0) return [];
  return tx
    .selectDistinct({ agencyId: trainingAttempts.agencyId, role: trainingAttempts.role })
    .from(trainingAttempts)
    .where(and(eq(trainingAttempts.userId, userId), inArray(trainingAttempts.agencyId, agencyIds), eq(trainingAttempts.passed, true)));
}

export async function findOverrides(tx: Executor, agencyId: string): Promise<OverrideRow[]> {
  return tx.select().from(manualOverrides).where(eq(manualOverrides.agencyId, agencyId));
}

export async function findOverride(tx: Executor, agencyId: string, topic: string): Promise<OverrideRow | undefined> {
  const [row] = await tx.select().from(manualOverrides).where(and(eq(manualOverrides.agencyId, agencyId), eq(manualOverrides.topic, topic)));
  return row;
}

export async function upsertOverride(tx: Executor, values: typeof manualOverrides.$inferInsert): Promise<void> {
  await tx
    .insert(manualOverrides)
    .values(values)
    .onConflictDoUpdate({ target: [manualOverrides.agencyId, manualOverrides.topic], set: { title: values.title, body: values.body, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
}

export async function deleteOverride(tx: Executor, agencyId: string, topic: string): Promise<void> {
  await tx.delete(manualOverrides).where(and(eq(manualOverrides.agencyId, agencyId), eq(manualOverrides.topic, topic)));
}

export async function insertAttempt(tx: Executor, values: typeof trainingAttempts.$inferInsert): Promise<AttemptRow> {
  const [row] = await tx.insert(trainingAttempts).values(values).returning();
  return row!;
}

export async function findAttempt(tx: Executor, id: string): Promise<AttemptRow | undefined> {
  const [row] = await tx.select().from(trainingAttempts).where(eq(trainingAttempts.id, id));
  return row;
}

/** Records the result once: null when the attempt was already submitted (a concurrent submit lost). */
export async function completeAttempt(tx: Executor, id: string, values: { answers: Record<string, number[]>; score: number; passed: boolean; submittedAt: Date }): Promise<AttemptRow | undefined> {
  const [row] = await tx.update(trainingAttempts).set(values).where(and(eq(trainingAttempts.id, id), isNull(trainingAttempts.submittedAt))).returning();
  return row;
}

/** Submitted attempts of one user (all agencies) or of one agency (all users), oldest first. */
export async function findSubmitted(tx: Executor, by: { userId?: string; agencyId?: string }): Promise<AttemptRow[]> {
  const conds = [isNotNull(trainingAttempts.submittedAt)];
  if (by.userId) conds.push(eq(trainingAttempts.userId, by.userId));
  if (by.agencyId) conds.push(eq(trainingAttempts.agencyId, by.agencyId));
  return tx.select().from(trainingAttempts).where(and(...conds)).orderBy(asc(trainingAttempts.submittedAt));
}
