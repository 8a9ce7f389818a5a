/** Use cases of AB posts and leave: list with current holders and flags, assign, record leave. */
import type { Db } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { currentHolder, dutyKindNames, dutyProblems, fixedDutyKinds, type DutyKind } from './posts.ts';
import { canStaffing, type StaffingAction } from './staffing.policy.ts';
import * as repo from './staffing.repository.ts';
import type { CreateLeaveInput, SetDutyInput } from './staffing.schemas.ts';

function guard(actor: Actor, action: StaffingAction, agencyId: string): void {
  if (canStaffing(actor, action, agencyId)) return;
  if (!canStaffing(actor, 'read', agencyId)) throw notFound('单位');
  throw forbidden('只有本单位管理员可以设置AB岗或登记请假');
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', { message: `输入有误：${message}`, details: { fields: { [field]: message } } });

/**
 * The agency's duties (the three fixed ones always, catalog items once assigned), each with A,
 * B, who holds it on `date`, and its problems; the leave records; and how many catalog items
 * have no AB post yet.
 */
export async function listPosts(db: Db, actor: Actor, agencyId: string, date?: string) {
  guard(actor, 'read', agencyId);
  const day = date ?? chinaDate(now());
  const [duties, members, leaves, items] = await Promise.all([repo.findDuties(db, agencyId), repo.findMembers(db, agencyId), repo.findLeaves(db, agencyId), repo.findCatalogItemNames(db, agencyId)]);
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const disabled = new Set(members.filter((m) => m.disabled).map((m) => m.userId));
  const itemNames = new Map(items.map((i) => [i.id, `${i.level1} / ${i.level2}`]));
  const rows: Array<{ id: string | null; kind: DutyKind; catalogItemId: string | null; holderA: string | null; holderB: string | null }> = [
    ...fixedDutyKinds.map((kind) => {
      const d = duties.find((x) => x.kind === kind && !x.catalogItemId);
      return { id: d?.id ?? null, kind, catalogItemId: null, holderA: d?.holderA ?? null, holderB: d?.holderB ?? null };
    }),
    ...duties.filter((d) => d.kind === 'catalogItem').map((d) => ({ id: d.id, kind: 'catalogItem' as const, catalogItemId: d.catalogItemId, holderA: d.holderA, holderB: d.holderB })),
  ];
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? null, disabled: disabled.has(id) } : null);
  const assigned = new Set(duties.map((d) => d.catalogItemId).filter(Boolean));
  return {
    date: day,
    duties: rows.map((d) => {
      const holder = currentHolder(d, day, leaves, disabled);
      const problems = dutyProblems(d, disabled);
      return {
        id: d.id,
        kind: d.kind,
        kindName: dutyKindNames[d.kind],
        catalogItemId: d.catalogItemId,
        name: d.catalogItemId ? (itemNames.get(d.catalogItemId) ?? '') : dutyKindNames[d.kind],
        holderA: person(d.holderA),
        holderB: person(d.holderB),
        current: { ...holder, displayName: holder.userId ? (names.get(holder.userId) ?? null) : null },
        problems,
        flagged: problems.length > 0,
      };
    }),
    unassignedCatalogItems: items.filter((i) => !assigned.has(i.id)).length,
    leaves: leaves.map((l) => ({ id: l.id, userId: l.userId, displayName: names.get(l.userId) ?? null, startsOn: l.startsOn, endsOn: l.endsOn, reason: l.reason })),
  };
}

/** Sets A and B of a duty (creates the duty on first use); holders must be active members of the agency. */
export async function setDuty(db: Db, actor: Actor, input: SetDutyInput, ip: string | null) {
  guard(actor, 'manage', input.agencyId);
  const catalogItemId = input.catalogItemId ?? null;
  if (catalogItemId && !(await repo.findCatalogItemOfAgency(db, input.agencyId, catalogItemId))) throw invalid('catalogItemId', '所选目录事项不属于该单位');
  const members = await repo.findMembers(db, input.agencyId);
  for (const [field, id] of [['holderA', input.holderA], ['holderB', input.holderB]] as const) {
    if (!id) continue;
    const m = members.find((x) => x.userId === id);
    if (!m) throw invalid(field, `${field === 'holderA' ? 'A' : 'B'}岗人员不是本单位人员`);
    if (m.disabled) throw invalid(field, `${field === 'holderA' ? 'A' : 'B'}岗人员账号已停用`);
  }
  const existing = await repo.findDuty(db, input.agencyId, input.kind, catalogItemId);
  const row = await db.transaction(async (tx) => {
    const r = existing
      ? await repo.updateDutyHolders(tx, existing.id, input.holderA, input.holderB)
      : await repo.insertDuty(tx, { agencyId: input.agencyId, kind: input.kind, catalogItemId, holderA: input.holderA, holderB: input.holderB });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'posts.set',
      entityType: 'post_duty',
      entityId: r.id,
      before: existing ? { holderA: existing.holderA, holderB: existing.holderB } : null,
      after: { kind: input.kind, catalogItemId, holderA: input.holderA, holderB: input.holderB },
    });
    return r;
  });
  return { id: row.id, kind: row.kind, catalogItemId: row.catalogItemId, holderA: row.holderA, holderB: row.holderB, problems: dutyProblems(row) };
}

/** Records a leave period of a member of the agency. */
export async function createLeave(db: Db, actor: Actor, input: CreateLeaveInput, ip: string | null) {
  guard(actor, 'manage', input.agencyId);
  const members = await repo.findMembers(db, input.agencyId);
  if (!members.some((m) => m.userId === input.userId)) throw invalid('userId', '该人员不是本单位人员');
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertLeave(tx, { ...input, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), { agencyId: input.agencyId, action: 'posts.leave', entityType: 'leave_record', entityId: r.id, after: input });
    return r;
  });
  return { id: row.id, userId: row.userId, startsOn: row.startsOn, endsOn: row.endsOn, reason: row.reason };
}

/**
 * An agency's duties, leave records and disabled members, for the reminder jobs (no actor: the
 * caller is the system). Feed them to {@link currentHolder}.
 */
export async function loadAgencyPosts(db: Db, agencyId: string) {
  const [duties, members, leaves] = await Promise.all([repo.findDuties(db, agencyId), repo.findMembers(db, agencyId), repo.findLeaves(db, agencyId)]);
  return {
    duties: duties.map((d) => ({ kind: d.kind as DutyKind, catalogItemId: d.catalogItemId, holderA: d.holderA, holderB: d.holderB })),
    leaves: leaves.map((l) => ({ userId: l.userId, startsOn: l.startsOn, endsOn: l.endsOn })),
    disabled: new Set(members.filter((m) => m.disabled).map((m) => m.userId)),
  };
}
