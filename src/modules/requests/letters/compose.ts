/**
 * From a request and one of its events to a letter: the agency's template (or the default), the
 * facts, the content, the DOCX and PDF bytes. `freezeLetter` runs inside the actions that send a
 * letter (reply, deem-withdrawn, ask-correction, extend, fee-notice): it stores both files in file
 * storage before the action's transaction and returns what the event records, so the letter that
 * was sent stays exactly what was sent, whatever later edits of templates or settings.
 */
import type { AppContext } from '../../../context.ts';
import type { Executor } from '../../../db/client.ts';
import { sha256 } from '../../../lib/ids.ts';
import { getAgency } from '../../agencies/index.ts';
import type { RequestClock } from '../clock.ts';
import type { Outcome, RequestAction } from '../model.ts';
import * as requestsRepo from '../requests.repository.ts';
import { letterDocx, letterPdf } from './documents.ts';
import * as repo from './letters.repository.ts';
import { renderLetter, type LetterContent, type LetterFacts } from './render.ts';
import { defaultTemplates, letterNames, templateKindOf, type LetterKind, type LetterTemplate, type TemplateKind } from './templates.ts';

/** The letter each action sends (条例第30、33、36–39、42条; DOMAIN.md §1.3–1.5). */
export const letterOfAction: Partial<Record<RequestAction, LetterKind>> = {
  reply: 'reply',
  // 审批通过: the approver's decision sends the reply letter.
  approve: 'reply',
  deemWithdrawn: 'reply',
  askCorrection: 'correction',
  extend: 'extension',
  feeNotice: 'fee',
};

/** The event kinds that carry each letter. */
export const eventKindsOfLetter: Record<LetterKind, string[]> = {
  reply: ['replied', 'deemed_withdrawn'],
  correction: ['correction_requested'],
  extension: ['extension'],
  fee: ['fee_notice'],
};

/** A stored file of a frozen letter. */
export interface StoredFile {
  sha256: string;
  size: number;
}

/** What an event records of the letter it sent. */
export interface FrozenLetter {
  kind: LetterKind;
  templateKind: TemplateKind;
  title: string;
  on: string;
  docx: StoredFile;
  pdf: StoredFile;
}

/** A disclosed file as a reply event lists it. */
export interface ListedFile {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
}

/** The remedies settings of an agency; defaults: the parent organ (复议机关, 行政复议法第24条) and 有管辖权的人民法院. */
export async function letterSettings(db: Executor, agencyId: string): Promise<{ reviewOrgan: string; court: string; stored: boolean }> {
  const row = await repo.findSettings(db, agencyId);
  if (row) return { reviewOrgan: row.reviewOrgan, court: row.court, stored: true };
  const agency = await getAgency(db, agencyId);
  const parent = agency.parentId ? await getAgency(db, agency.parentId).catch(() => null) : null;
  return { reviewOrgan: parent?.name ?? '上一级行政机关', court: '有管辖权的人民法院', stored: false };
}

/** The template in force for an agency: its override, else the default. */
export async function effectiveTemplate(db: Executor, agencyId: string, kind: TemplateKind): Promise<LetterTemplate> {
  const row = await repo.findTemplate(db, agencyId, kind);
  return row ? { title: row.title, body: row.body } : defaultTemplates[kind];
}

/** What an event (or a preview) tells the letter. */
export interface LetterEvent {
  on: string;
  data: Record<string, unknown>;
  /** The clock including the event (deadlines the letter states). */
  clock: Pick<RequestClock, 'dueOn' | 'correctionDeadline' | 'feeDeadline'>;
  outcome: Outcome | null;
  reason: string | null;
  files: Array<{ filename: string }>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Renders a letter of a request for an event. */
export async function composeLetter(db: Executor, r: requestsRepo.RequestRow, letter: LetterKind, ev: LetterEvent): Promise<{ templateKind: TemplateKind; content: LetterContent }> {
  const templateKind = templateKindOf(letter, ev.outcome);
  const [agency, applicant, settings, template] = await Promise.all([
    getAgency(db, r.agencyId),
    requestsRepo.findApplicant(db, r.id),
    letterSettings(db, r.agencyId),
    effectiveTemplate(db, r.agencyId, templateKind),
  ]);
  const d = ev.data;
  const facts: LetterFacts = {
    agencyName: agency.name,
    applicantName: applicant?.name ?? '申请人',
    trackingNo: r.trackingNo,
    receivedOn: r.receivedOn,
    description: r.description,
    letterOn: letter === 'extension' ? (str(d.noticeOn) ?? ev.on) : ev.on,
    outcome: ev.outcome,
    reason: letter === 'extension' ? str(d.reason) : ev.reason,
    correctionItems: str(d.items),
    correctionPeriodDays: num(d.periodDays),
    correctionDeadline: ev.clock.correctionDeadline,
    extensionDays: num(d.days),
    extendedDueOn: ev.clock.dueOn,
    feeAmount: num(d.amount),
    feeMethod: d.method === 'per_item' || d.method === 'per_page' ? d.method : null,
    feeDeadline: ev.clock.feeDeadline,
    delivery: r.delivery,
    reviewOrgan: settings.reviewOrgan,
    court: settings.court,
    attachments: ev.files.map((f) => f.filename),
  };
  return { templateKind, content: renderLetter(templateKind, template, facts) };
}

/** The DOCX and PDF bytes of a letter. */
export async function letterFiles(content: LetterContent): Promise<{ docx: Buffer; pdf: Buffer }> {
  const [docx, pdf] = await Promise.all([letterDocx(content), letterPdf(content)]);
  return { docx, pdf };
}

/** The download name of a letter, e.g. 政府信息公开申请答复告知书-2025-0007.pdf. */
export function letterFilename(letter: LetterKind, trackingNo: string, format: 'docx' | 'pdf'): string {
  return `${letterNames[letter]}-${trackingNo}.${format}`;
}

/**
 * Generates and stores the letter an action sends; returns the fields the action's event records
 * (`letter`, and for a reply the disclosed `files` listed in it), or null when the action sends none.
 */
export async function freezeLetter(
  ctx: AppContext,
  r: requestsRepo.RequestRow,
  action: RequestAction,
  ev: { on: string; data: Record<string, unknown>; clock: LetterEvent['clock']; outcome: Outcome | null; reason: string | null },
): Promise<{ letter: FrozenLetter; files?: ListedFile[] } | null> {
  const letter = letterOfAction[action];
  if (!letter) return null;
  const replying = action === 'reply' || action === 'approve';
  const files: ListedFile[] =
    replying
      ? (await repo.findCurrentFiles(ctx.db, r.id)).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256 }))
      : [];
  const { templateKind, content } = await composeLetter(ctx.db, r, letter, { ...ev, files });
  const bytes = await letterFiles(content);
  const stored = async (data: Buffer): Promise<StoredFile> => {
    const hash = sha256(data);
    await ctx.storage.put(hash, data);
    return { sha256: hash, size: data.length };
  };
  const frozen: FrozenLetter = { kind: letter, templateKind, title: content.title, on: letter === 'extension' ? (str(ev.data.noticeOn) ?? ev.on) : ev.on, docx: await stored(bytes.docx), pdf: await stored(bytes.pdf) };
  return replying ? { letter: frozen, files } : { letter: frozen };
}
