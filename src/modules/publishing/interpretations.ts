/**
 * 政策解读 timeliness: a policy (规章 or 行政规范性文件) should have its interpretation published
 * within N working days of its first publication: the agency's `interpretationDays` (catalog
 * settings, default 5, 0 = 同步) unless the query names `days`. An interpretation is an ordinary
 * item whose `interpretsId` points at the policy (see docs/modules/feedback.md).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { forbidden } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { canReadAgency, requireActor, type Actor } from '../accounts/index.ts';
import { addWorkingDays, loadCalendar } from '../calendar/index.ts';
// catalog ↔ publishing import each other's index: getTimelinessSettings is only called inside a function.
import { getTimelinessSettings } from '../catalog/index.ts';
import * as repo from './public-read.repository.ts';

/** Default working days between a policy's publication and its interpretation (the catalog settings' default too). */
export const INTERPRETATION_WORKING_DAYS = 5;

/** Document types that need an interpretation. */
export const policyDocTypes = ['regulation', 'normative'] as const;

export const missingQuerySchema = z
  .object({
    /** The agency whose policies are checked. */
    agencyId: z.string({ error: '请选择单位' }).uuid('单位编号格式不正确'),
    /** Working days allowed; absent = the agency's 解读时限 (catalog settings); 0 = 同步 (due the day of publication). */
    days: z.coerce.number().int('天数须为整数').min(0, '天数不能为负数').max(60, '天数最多为 60').optional(),
  })
  .strict();

/** Policies of the agency published more than `days` working days ago without a live interpretation. */
export async function listMissingInterpretations(db: Executor, actor: Actor, q: z.infer<typeof missingQuerySchema>) {
  if (!canReadAgency(actor, q.agencyId)) throw forbidden('无权查看该单位的政策解读情况');
  const [rows, calendar, days] = await Promise.all([
    repo.findUninterpretedPolicies(db, q.agencyId, policyDocTypes),
    loadCalendar(db),
    q.days ?? getTimelinessSettings(db, q.agencyId).then((s) => s.interpretationDays),
  ]);
  const today = chinaDate(now());
  const items = rows
    .map((r) => {
      const publishedOn = chinaDate(r.firstPublishedAt);
      return { documentId: r.documentId, indexNo: r.indexNo, title: r.title, docNo: r.docNo, docType: r.docType, publishedOn, dueOn: addWorkingDays(publishedOn, days, calendar).date };
    })
    .filter((r) => r.dueOn < today);
  return { items, total: items.length, days, daysSource: q.days === undefined ? ('agency' as const) : ('query' as const), today };
}

/** GET /api/interpretations/missing?agencyId&days. */
export function registerInterpretationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/interpretations/missing', async (request) => {
    const actor = requireActor(request);
    return listMissingInterpretations(ctx.db, actor, parseInput(missingQuerySchema, request.query));
  });
}
