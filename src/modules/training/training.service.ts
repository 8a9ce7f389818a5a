/**
 * Use cases of the work manual and pre-post training: read and override manual sections,
 * courses per role, test attempts scored on the server, results per person, the agency switch.
 * Every state change writes its audit row in the same transaction.
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/index.ts';
import { auditActor, canReadAgency, hasRole, listAgencyMembers, roleNames, type Actor, type AgencyRole } from '../accounts/index.ts';
import { builtinSection, manualSections, type ManualScreen } from './manual.ts';
import { courseRoles, gatedRoles, type CourseRole } from './questions.ts';
import { drawQuestions, passMark, presentQuestion, questionById, scoreAnswers, testSize, type PublicQuestion, type ScoreResult } from './quiz.ts';
import * as repo from './training.repository.ts';

/** Manual topics of each role's course, in reading order. */
export const courseTopics: Record<CourseRole, readonly string[]> = {
  drafter: ['overview', 'review-flow', 'privacy', 'catalog'],
  reviewer: ['overview', 'review-flow', 'privacy', 'catalog'],
  handler: ['overview', 'requests', 'request-deadlines', 'privacy'],
  admin: ['overview', 'review-flow', 'privacy', 'requests', 'request-deadlines', 'annual-report', 'catalog', 'posts-handover'],
};

export interface SectionView {
  topic: string;
  title: string;
  body: string;
  screens: readonly ManualScreen[];
  /** true when the agency replaced the built-in text. */
  overridden: boolean;
  updatedAt: string | null;
}

/** The agency a request is about: the one given (if readable), else the actor's first. */
function pickAgency(actor: Actor, agencyId: string | undefined): string | null {
  if (agencyId) {
    if (!canReadAgency(actor, agencyId)) throw notFound('单位');
    return agencyId;
  }
  return actor.memberships[0]?.agencyId ?? null;
}

async function sectionsOf(db: Executor, agencyId: string | null): Promise<SectionView[]> {
  const overrides = agencyId ? await repo.findOverrides(db, agencyId) : [];
  return manualSections.map((s) => {
    const o = overrides.find((x) => x.topic === s.topic);
    return { topic: s.topic, title: o?.title ?? s.title, body: o?.body ?? s.body, screens: s.screens, overridden: !!o, updatedAt: o?.updatedAt.toISOString() ?? null };
  });
}

/** The manual as the agency sees it (built-in text with its overrides). */
export async function getManual(db: Db, actor: Actor, agencyId?: string): Promise<{ agencyId: string | null; canEdit: boolean; sections: SectionView[] }> {
  const agency = pickAgency(actor, agencyId);
  return { agencyId: agency, canEdit: !!agency && hasRole(actor, agency, 'admin'), sections: await sectionsOf(db, agency) };
}

/** One section of the manual. */
export async function getSection(db: Db, actor: Actor, topic: string, agencyId?: string): Promise<SectionView> {
  if (!builtinSection(topic)) throw notFound('手册章节');
  const agency = pickAgency(actor, agencyId);
  return (await sectionsOf(db, agency)).find((s) => s.topic === topic)!;
}

function requireAgencyAdmin(actor: Actor, agencyId: string, what: string): void {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  if (!hasRole(actor, agencyId, 'admin')) throw forbidden(`只有平台管理员或本单位管理员可以${what}`);
}

/** Replaces a section's text for one agency (audited with the text before and after). */
export async function putSection(db: Db, actor: Actor, topic: string, input: { agencyId: string; title: string; body: string }, ip: string): Promise<SectionView> {
  const builtin = builtinSection(topic);
  if (!builtin) throw notFound('手册章节');
  requireAgencyAdmin(actor, input.agencyId, '修改工作手册');
  await db.transaction(async (tx) => {
    const before = await repo.findOverride(tx, input.agencyId, topic);
    await repo.upsertOverride(tx, { agencyId: input.agencyId, topic, title: input.title, body: input.body, updatedBy: actor.userId, updatedAt: now() });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'training.manual.update',
      entityType: 'manualSection',
      entityId: null,
      before: { topic, title: before?.title ?? builtin.title, body: before?.body ?? builtin.body, overridden: !!before },
      after: { topic, title: input.title, body: input.body },
    });
  });
  return getSection(db, actor, topic, input.agencyId);
}

/** Restores the built-in text of a section for one agency. */
export async function resetSection(db: Db, actor: Actor, topic: string, agencyId: string, ip: string): Promise<SectionView> {
  if (!builtinSection(topic)) throw notFound('手册章节');
  requireAgencyAdmin(actor, agencyId, '修改工作手册');
  await db.transaction(async (tx) => {
    const before = await repo.findOverride(tx, agencyId, topic);
    if (!before) return;
    await repo.deleteOverride(tx, agencyId, topic);
    await recordAudit(tx, auditActor(actor, ip), { agencyId, action: 'training.manual.reset', entityType: 'manualSection', entityId: null, before: { topic, title: before.title, body: before.body }, after: { topic, overridden: false } });
  });
  return getSection(db, actor, topic, agencyId);
}

/** Roles the actor holds in an agency, effective or waiting for training. */
function heldRoles(actor: Actor, agencyId: string): AgencyRole[] {
  const m = actor.memberships.find((x) => x.agencyId === agencyId);
  return m ? [...m.roles, ...(m.pendingTraining ?? [])] : [];
}

export interface CourseView {
  agencyId: string;
  role: CourseRole;
  roleName: string;
  /** The agency requires this test before the role takes effect. */
  required: boolean;
  passed: boolean;
  passedAt: string | null;
  bestScore: number | null;
  attempts: number;
  sections: Array<{ topic: string; title: string }>;
  testSize: number;
  passMark: number;
}

/** The actor's courses: one per course role held in each agency. */
export async function myCourses(db: Db, actor: Actor): Promise<{ courses: CourseView[] }> {
  const agencyIds = actor.memberships.map((m) => m.agencyId);
  const requiring = new Set(await repo.findRequiringAgencies(db, agencyIds));
  const attempts = await repo.findSubmitted(db, { userId: actor.userId });
  const courses: CourseView[] = [];
  for (const agencyId of agencyIds) {
    const sections = await sectionsOf(db, agencyId);
    for (const role of courseRoles) {
      if (!heldRoles(actor, agencyId).includes(role)) continue;
      const mine = attempts.filter((a) => a.agencyId === agencyId && a.role === role);
      const firstPass = mine.find((a) => a.passed);
      courses.push({
        agencyId,
        role,
        roleName: roleNames[role],
        required: requiring.has(agencyId) && gatedRoles.includes(role),
        passed: !!firstPass,
        passedAt: firstPass?.submittedAt?.toISOString() ?? null,
        bestScore: mine.length ? Math.max(...mine.map((a) => a.score ?? 0)) : null,
        attempts: mine.length,
        sections: courseTopics[role].map((t) => ({ topic: t, title: sections.find((s) => s.topic === t)!.title })),
        testSize,
        passMark,
      });
    }
  }
  return { courses };
}

/** Starts a test: draws questions and returns them without answers. */
export async function startAttempt(db: Db, actor: Actor, role: CourseRole, agencyId: string | undefined, ip: string): Promise<{ attemptId: string; role: CourseRole; agencyId: string; questions: PublicQuestion[]; passMark: number }> {
  const agency = agencyId ?? actor.memberships.find((m) => heldRoles(actor, m.agencyId).includes(role))?.agencyId;
  if (!agency || !heldRoles(actor, agency).includes(role)) throw forbidden(`您在该单位没有「${roleNames[role]}」岗位，无需参加此项考核`);
  const questionIds = drawQuestions(role);
  const attempt = await db.transaction(async (tx) => {
    const row = await repo.insertAttempt(tx, { userId: actor.userId, agencyId: agency, role, questionIds, startedAt: now() });
    await recordAudit(tx, auditActor(actor, ip), { agencyId: agency, action: 'training.attempt.start', entityType: 'trainingAttempt', entityId: row.id, after: { role, questionIds } });
    return row;
  });
  return { attemptId: attempt.id, role, agencyId: agency, questions: questionIds.map((id) => presentQuestion(questionById(id))), passMark };
}

/** Scores a submitted test on the server; a passed test makes the role effective from the next request. */
export async function submitAttempt(db: Db, actor: Actor, attemptId: string, answers: Record<string, number[]>, ip: string): Promise<ScoreResult & { attemptId: string; role: string; passMark: number }> {
  const attempt = await repo.findAttempt(db, attemptId);
  if (!attempt || attempt.userId !== actor.userId) throw notFound('考核');
  if (attempt.submittedAt) throw new AppError('CONFLICT', { message: '该次考核已经提交，请重新开始考核', reason: 'ATTEMPT_SUBMITTED' });
  const fields: Record<string, string> = {};
  for (const [id, chosen] of Object.entries(answers)) {
    if (!attempt.questionIds.includes(id)) fields[`answers.${id}`] = '不是本次考核的题目';
    else if (chosen.some((i) => i >= questionById(id).options.length)) fields[`answers.${id}`] = '选项不正确';
  }
  const unanswered = attempt.questionIds.filter((id) => !(answers[id]?.length));
  for (const id of unanswered) fields[`answers.${id}`] = '请作答';
  if (Object.keys(fields).length) throw new AppError('VALIDATION', { message: unanswered.length ? `还有 ${unanswered.length} 道题没有作答` : '答案格式不正确', details: { fields } });
  const result = scoreAnswers(attempt.questionIds, answers);
  await db.transaction(async (tx) => {
    const done = await repo.completeAttempt(tx, attempt.id, { answers, score: result.score, passed: result.passed, submittedAt: now() });
    if (!done) throw new AppError('CONFLICT', { message: '该次考核已经提交，请重新开始考核', reason: 'ATTEMPT_SUBMITTED' });
    await recordAudit(tx, auditActor(actor, ip), { agencyId: attempt.agencyId, action: 'training.attempt.submit', entityType: 'trainingAttempt', entityId: attempt.id, after: { role: attempt.role, score: result.score, passed: result.passed } });
  });
  return { ...result, attemptId: attempt.id, role: attempt.role, passMark };
}

export interface PersonResult {
  userId: string;
  username: string;
  displayName: string;
  roles: AgencyRole[];
  courses: Array<{ role: CourseRole; required: boolean; attempts: number; lastScore: number | null; bestScore: number | null; passedAt: string | null }>;
}

/** Training records of an agency's staff (its administrators, supervisors, sysadmins). */
export async function agencyResults(db: Db, actor: Actor, agencyId: string): Promise<{ agencyId: string; requireTraining: boolean; passMark: number; people: PersonResult[] }> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  if (!hasRole(actor, agencyId, 'admin') && actor.globalRole === null) throw forbidden('只有单位管理员可以查看培训记录');
  const requireTraining = (await repo.findRequiringAgencies(db, [agencyId])).length > 0;
  const members = await listAgencyMembers(db, actor, agencyId);
  const attempts = await repo.findSubmitted(db, { agencyId });
  const people = members.map((m) => ({
    userId: m.id,
    username: m.username,
    displayName: m.displayName,
    roles: m.roles,
    courses: courseRoles
      .filter((r) => m.roles.includes(r))
      .map((role) => {
        const mine = attempts.filter((a) => a.userId === m.id && a.role === role);
        return {
          role,
          required: requireTraining && gatedRoles.includes(role),
          attempts: mine.length,
          lastScore: mine.at(-1)?.score ?? null,
          bestScore: mine.length ? Math.max(...mine.map((a) => a.score ?? 0)) : null,
          passedAt: mine.find((a) => a.passed)?.submittedAt?.toISOString() ?? null,
        };
      }),
  }));
  return { agencyId, requireTraining, passMark, people };
}

/** The agency's switch: require a passed test before drafter/reviewer/handler rights apply. */
export async function getSettings(db: Db, actor: Actor, agencyId: string): Promise<{ agencyId: string; requireTraining: boolean }> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  return { agencyId, requireTraining: (await repo.findRequiringAgencies(db, [agencyId])).length > 0 };
}

export async function putSettings(db: Db, actor: Actor, input: { agencyId: string; requireTraining: boolean }, ip: string): Promise<{ agencyId: string; requireTraining: boolean }> {
  requireAgencyAdmin(actor, input.agencyId, '设置岗前培训');
  await db.transaction(async (tx) => {
    const before = (await repo.findRequiringAgencies(tx, [input.agencyId])).length > 0;
    await repo.upsertSetting(tx, input.agencyId, input.requireTraining);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: input.agencyId, action: 'training.settings.update', entityType: 'agency', entityId: input.agencyId, before: { requireTraining: before }, after: { requireTraining: input.requireTraining } });
  });
  return { agencyId: input.agencyId, requireTraining: input.requireTraining };
}
