/**
 * 机构设置: the per-agency switches of several modules read in one answer for the console page
 * (GET /api/agency-settings?agencyId=). Read-only: each switch is changed through its own
 * module's PUT, which guards and audits it. Each read below applies its module's own guard.
 */
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { getFeedbackSettings } from '../feedback/index.ts';
import { getSweepSchedule } from '../publishing/index.ts';
import { getRequestSettings } from '../requests/index.ts';
import { getTrainingSettings } from '../training/index.ts';

export interface AgencySwitches {
  agencyId: string;
  /** The actor may change the switches (agency admin or sysadmin; each PUT checks again). */
  canEdit: boolean;
  /** 依申请公开「审批」step required before every reply (PUT /api/requests/settings). */
  approvalRequired: boolean;
  /** 岗前培训: roles wait for a passed test (PUT /api/training/settings). */
  requireTraining: boolean;
  /** Days between two scheduled privacy sweeps 回头看 (PUT /api/privacy/sweep-schedule). */
  sweepIntervalDays: number;
  sweepIsDefault: boolean;
  /** Working days to answer public feedback (PUT /api/feedback/settings, with bannedWords). */
  feedbackAnswerWorkingDays: number;
  /** The spam filter's extra banned words, sent back unchanged with a deadline change. */
  feedbackBannedWords: string[];
}

export async function getAgencySwitches(db: Db, actor: Actor, agencyId: string): Promise<AgencySwitches> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  await getAgency(db, agencyId);
  const [requests, training, sweep, feedback] = await Promise.all([
    getRequestSettings(db, actor, agencyId),
    getTrainingSettings(db, actor, agencyId),
    getSweepSchedule(db, actor, agencyId),
    getFeedbackSettings(db, agencyId),
  ]);
  return {
    agencyId,
    canEdit: hasRole(actor, agencyId, 'admin'),
    approvalRequired: requests.approvalRequired,
    requireTraining: training.requireTraining,
    sweepIntervalDays: sweep.intervalDays,
    sweepIsDefault: sweep.isDefault,
    feedbackAnswerWorkingDays: feedback.answerWorkingDays,
    feedbackBannedWords: feedback.bannedWords,
  };
}
