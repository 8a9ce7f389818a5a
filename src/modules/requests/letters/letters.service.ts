/**
 * Use cases of the letters (告知书): download (the frozen file of a sent letter, or a preview of
 * the reply before it is sent), the letters overview of a request, the agency's templates and
 * remedies settings, the disclosed files attached to a reply, the portal's download with the
 * query code, and proposing a disclosed reply for proactive publication (条例第44条).
 */
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import type { Db, Executor } from '../../../db/client.ts';
import { AppError, forbidden, notFound } from '../../../lib/errors.ts';
import { auditActor, canReadAgency, hasRole, type Actor } from '../../accounts/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { addAttachment, createDocument, createDocumentSchema, prepareAttachment } from '../../publishing/index.ts';
import { parseInput } from '../../../lib/validation.ts';
import { computeClock } from '../clock.ts';
import { deliveryNames, eventNames, isOpen, outcomeInfo, type Delivery, type EventKind, type Outcome, type RequestState } from '../model.ts';
import { invalidFields, invalidState, staleRequest } from '../requests.errors.ts';
import { authorize, canRegisterIn, canSeeApplicant } from '../requests.policy.ts';
import * as requestsRepo from '../requests.repository.ts';
import { hashQueryCode, today } from '../requests.service.ts';
import { composeLetter, eventKindsOfLetter, letterFilename, letterFiles, letterSettings, type FrozenLetter, type ListedFile } from './compose.ts';
import * as repo from './letters.repository.ts';
import { checkFileDownload } from '../intake-files.ts';
import { pendingApproval } from '../procedure.ts';
import { letterNames, letterKinds, checkTemplate, defaultTemplates, placeholders, templateKinds, templateName, articleOf, type LetterKind, type TemplateKind } from './templates.ts';

type EventRow = requestsRepo.EventRow;

/** A file to send: bytes or a storage key, with its name and type. */
export interface LetterDownload {
  filename: string;
  mime: string;
  /** frozen = the file as sent; preview = rendered now from the current template and facts. */
  source: 'frozen' | 'rendered' | 'preview';
  data?: Buffer;
  storageKey?: string;
}

const mimeOf = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

function frozenOf(e: EventRow | undefined): FrozenLetter | null {
  const l = e?.data.letter as FrozenLetter | undefined;
  return l && typeof l === 'object' && l.pdf && l.docx ? l : null;
}

/** The latest event carrying a letter. */
function letterEvent(events: readonly EventRow[], letter: LetterKind): EventRow | undefined {
  return events.findLast((e) => eventKindsOfLetter[letter].includes(e.kind));
}

async function loadRequest(db: Executor, actor: Actor, id: string): Promise<requestsRepo.RequestRow> {
  const r = await requestsRepo.findRequest(db, id);
  if (!r || !canReadAgency(actor, r.agencyId)) throw notFound('申请');
  return r;
}

/** The request, for an actor allowed to see the applicant (letters name the applicant). */
async function loadForLetters(db: Executor, actor: Actor, id: string): Promise<requestsRepo.RequestRow> {
  const r = await loadRequest(db, actor, id);
  if (!canSeeApplicant(actor, r.agencyId)) throw forbidden('告知书载有申请人个人信息，只有本单位依申请公开承办人或管理员可以查看');
  return r;
}

/**
 * A letter of a request as DOCX or PDF. Sent letters come from storage exactly as sent; a reply
 * not yet sent is previewed with `preview.outcome` (and `preview.note`).
 */
export async function getLetter(
  ctx: AppContext,
  actor: Actor,
  id: string,
  letter: LetterKind,
  format: 'docx' | 'pdf',
  preview: { outcome?: Outcome | undefined; note?: string | undefined },
): Promise<LetterDownload> {
  const r = await loadForLetters(ctx.db, actor, id);
  const events = await requestsRepo.findEvents(ctx.db, r.id);
  const filename = letterFilename(letter, r.trackingNo, format);
  const ev = letterEvent(events, letter);
  const frozen = frozenOf(ev);
  if (frozen) return { filename, mime: mimeOf[format], source: 'frozen', storageKey: frozen[format].sha256 };
  const calendar = await loadCalendar(ctx.db);
  const clockEvents = (upTo: number) => events.filter((e) => e.id <= upTo).map((e) => ({ kind: e.kind as EventKind, on: e.on, data: e.data }));
  if (ev) {
    // Sent before letters were generated: rendered from the event as recorded.
    const clock = computeClock({ receivedOn: r.receivedOn, events: clockEvents(ev.id), today: today(), calendar });
    const files = Array.isArray(ev.data.files) ? (ev.data.files as ListedFile[]) : [];
    const { content } = await composeLetter(ctx.db, r, letter, { on: ev.on, data: ev.data, clock, outcome: (r.outcome as Outcome | null) ?? null, reason: r.outcomeNote, files });
    return { filename, mime: mimeOf[format], source: 'rendered', data: (await letterFiles(content))[format] };
  }
  if (letter !== 'reply' || !isOpen(r.state as RequestState)) throw notFound(letterNames[letter]);
  // During 审批 the preview defaults to the proposed outcome and reasons (submit-for-approval).
  const pending = r.state === 'approving' && !preview.outcome ? pendingApproval(events) : null;
  const outcome = preview.outcome ?? (pending?.outcome as Outcome | null | undefined);
  if (!outcome) throw invalidFields({ outcome: '预览答复告知书须选择处理结果' });
  const clock = computeClock({ receivedOn: r.receivedOn, events: clockEvents(Number.MAX_SAFE_INTEGER), today: today(), calendar });
  const files = await repo.findCurrentFiles(ctx.db, r.id);
  const { content } = await composeLetter(ctx.db, r, 'reply', { on: today(), data: {}, clock, outcome, reason: preview.note ?? pending?.note ?? null, files });
  return { filename: `预览-${filename}`, mime: mimeOf[format], source: 'preview', data: (await letterFiles(content))[format] };
}

function presentFile(f: { id: string; filename: string; mime: string; size: number; sha256: string }) {
  return { id: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256 };
}

/**
 * The letters of a request (sent, with date and hashes; no personal data), the disclosed files,
 * the delivery and the proactive-publication proposal.
 */
export async function getLettersOverview(db: Executor, actor: Actor, id: string) {
  const r = await loadRequest(db, actor, id);
  const events = await requestsRepo.findEvents(db, r.id);
  const letters = letterKinds.flatMap((letter) => {
    const ev = letterEvent(events, letter);
    if (!ev) return [];
    const frozen = frozenOf(ev);
    return [{ letter, name: letterNames[letter], on: frozen?.on ?? ev.on, eventId: ev.id, frozen: !!frozen, title: frozen?.title ?? letterNames[letter], pdf: frozen?.pdf ?? null, docx: frozen?.docx ?? null }];
  });
  const replied = letterEvent(events, 'reply');
  const delivered = events.findLast((e) => e.kind === 'delivered');
  const proposed = events.findLast((e) => e.kind === 'publication_proposed');
  return {
    canDownload: canSeeApplicant(actor, r.agencyId),
    letters,
    sentFiles: replied && Array.isArray(replied.data.files) ? (replied.data.files as ListedFile[]).map(presentFile) : null,
    files: (await repo.findCurrentFiles(db, r.id)).map(presentFile),
    delivery: delivered
      ? { on: delivered.on, method: String(delivered.data.method ?? ''), methodName: deliveryNames[delivered.data.method as Delivery] ?? String(delivered.data.method ?? ''), note: (delivered.data.note as string | undefined) ?? null }
      : null,
    publication: proposed ? { on: proposed.on, documentId: String(proposed.data.documentId), indexNo: String(proposed.data.indexNo ?? ''), title: String(proposed.data.title ?? '') } : null,
  };
}

// ---------------------------------------------------------------- disclosed files

/** Uploads a file to be disclosed with the reply (checked by content like publishing's attachments). */
export async function addRequestFile(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; filename: string; data: () => Promise<Buffer> }, ip: string | null) {
  const r = await loadRequest(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  authorize(actor, 'reply', { agencyId: r.agencyId, state: r.state as RequestState, handlerId: r.handlerId, backupHandlerId: r.backupHandlerId });
  if ((await repo.findCurrentFiles(ctx.db, r.id)).length >= 30) throw new AppError('UNPROCESSABLE', { message: '每件申请最多附 30 个文件', reason: 'TOO_MANY_FILES' });
  const file = await prepareAttachment(ctx, input.filename, await input.data());
  return ctx.db.transaction(async (tx) => {
    const row = await requestsRepo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, {});
    if (!row) throw staleRequest();
    const f = await repo.insertFile(tx, { requestId: r.id, filename: file.filename, mime: file.mime, size: file.size, sha256: file.sha256, storageKey: file.storageKey, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'request.addFile',
      entityType: 'request',
      entityId: r.id,
      after: { trackingNo: r.trackingNo, fileId: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256 },
    });
    return { file: presentFile(f), lockVersion: row.lockVersion };
  });
}

/** Removes a file before the reply. */
export async function removeRequestFile(ctx: AppContext, actor: Actor, id: string, fileId: string, lockVersion: number, ip: string | null) {
  const r = await loadRequest(ctx.db, actor, id);
  if (r.lockVersion !== lockVersion) throw staleRequest();
  authorize(actor, 'reply', { agencyId: r.agencyId, state: r.state as RequestState, handlerId: r.handlerId, backupHandlerId: r.backupHandlerId });
  const f = await repo.findFile(ctx.db, r.id, fileId);
  if (!f || f.removedAt || f.kind !== 'disclosed') throw notFound('文件');
  return ctx.db.transaction(async (tx) => {
    const row = await requestsRepo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, {});
    if (!row) throw staleRequest();
    await repo.markFileRemoved(tx, f.id);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'request.removeFile',
      entityType: 'request',
      entityId: r.id,
      before: { fileId: f.id, filename: f.filename, current: true },
      after: { fileId: f.id, current: false },
    });
    return { lockVersion: row.lockVersion };
  });
}

/** A file for download: disclosed ones by the request's readers, intake documents only by staff who may see the applicant (audited). */
export async function getRequestFile(db: Executor, actor: Actor, id: string, fileId: string, ip: string | null = null) {
  const r = await loadRequest(db, actor, id);
  const f = await repo.findFile(db, r.id, fileId);
  if (!f) throw notFound('文件');
  await checkFileDownload(db, actor, r, f, ip);
  return { filename: f.filename, mime: f.mime, size: f.size, storageKey: f.storageKey };
}

// ---------------------------------------------------------------- templates and settings

async function checkTemplateReader(db: Executor, actor: Actor, agencyId: string): Promise<void> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  if (!canRegisterIn(actor, agencyId)) throw forbidden('只有本单位管理员或依申请公开承办人可以查看告知书模板');
}

function checkTemplateEditor(actor: Actor, agencyId: string): void {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  if (!hasRole(actor, agencyId, 'admin')) throw forbidden('只有本单位管理员可以修改告知书模板');
}

function presentTemplate(kind: TemplateKind, override: repo.TemplateRow | undefined) {
  return {
    kind,
    name: templateName(kind),
    article: articleOf(kind),
    default: defaultTemplates[kind],
    override: override ? { title: override.title, body: override.body, updatedAt: override.updatedAt.toISOString() } : null,
    effective: override ? { title: override.title, body: override.body } : defaultTemplates[kind],
  };
}

/** Every template kind of an agency (default, override, effective), the placeholders and the remedies settings. */
export async function listLetterTemplates(db: Executor, actor: Actor, agencyId: string) {
  await checkTemplateReader(db, actor, agencyId);
  const overrides = new Map((await repo.findTemplates(db, agencyId)).map((t) => [t.kind, t]));
  return {
    agencyId,
    canEdit: hasRole(actor, agencyId, 'admin'),
    placeholders: Object.entries(placeholders).map(([name, meaning]) => ({ name, meaning })),
    settings: await letterSettings(db, agencyId),
    items: templateKinds.map((k) => presentTemplate(k, overrides.get(k))),
  };
}

/** One template kind of an agency. */
export async function getLetterTemplate(db: Executor, actor: Actor, agencyId: string, kind: TemplateKind) {
  await checkTemplateReader(db, actor, agencyId);
  return presentTemplate(kind, await repo.findTemplate(db, agencyId, kind));
}

/** Saves an agency's override (admin; 400 on unknown placeholders or without {救济途径}). */
export async function saveLetterTemplate(ctx: AppContext, actor: Actor, input: { agencyId: string; kind: TemplateKind; title: string; body: string }, ip: string | null) {
  checkTemplateEditor(actor, input.agencyId);
  const problems = checkTemplate(input);
  if (Object.keys(problems).length) throw invalidFields(problems);
  const before = await repo.findTemplate(ctx.db, input.agencyId, input.kind);
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.upsertTemplate(tx, { agencyId: input.agencyId, kind: input.kind, title: input.title, body: input.body, updatedBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'request.letterTemplate.update',
      entityType: 'request_letter_template',
      entityId: `${input.agencyId}:${input.kind}`,
      before: before ? { title: before.title, body: before.body } : { default: true },
      after: { title: row.title, body: row.body },
    });
    return row;
  });
  return presentTemplate(input.kind, row);
}

/** Removes an agency's override: the default applies again. */
export async function resetLetterTemplate(ctx: AppContext, actor: Actor, agencyId: string, kind: TemplateKind, ip: string | null) {
  checkTemplateEditor(actor, agencyId);
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.deleteTemplate(tx, agencyId, kind);
    if (!removed) return;
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'request.letterTemplate.reset',
      entityType: 'request_letter_template',
      entityId: `${agencyId}:${kind}`,
      before: { title: removed.title, body: removed.body },
      after: { default: true },
    });
  });
  return presentTemplate(kind, undefined);
}

/** Sets the agency's 行政复议机关 and 管辖法院 (admin). */
export async function saveLetterSettings(ctx: AppContext, actor: Actor, input: { agencyId: string; reviewOrgan: string; court: string }, ip: string | null) {
  checkTemplateEditor(actor, input.agencyId);
  const before = await letterSettings(ctx.db, input.agencyId);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertSettings(tx, { ...input, updatedBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'request.letterSettings.update',
      entityType: 'request_letter_settings',
      entityId: input.agencyId,
      before: { reviewOrgan: before.reviewOrgan, court: before.court },
      after: { reviewOrgan: input.reviewOrgan, court: input.court },
    });
  });
  return letterSettings(ctx.db, input.agencyId);
}

// ---------------------------------------------------------------- portal

/**
 * The request of a tracking number and query code, or null. A wrong code and an unknown number
 * are the same answer and both compute the hash (like lookupPublicStatus).
 */
export async function findByCode(db: Executor, agencyId: string, trackingNo: string, queryCode: string): Promise<requestsRepo.RequestRow | null> {
  const hash = hashQueryCode(queryCode);
  const r = /^\d{4}-\d{4,6}$/.test(trackingNo.trim()) ? await requestsRepo.findByTrackingNo(db, agencyId, trackingNo.trim()) : undefined;
  const expected = Buffer.from(r?.queryCodeHash ?? '0'.repeat(64), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash, 'hex')) && r ? r : null;
}

/** The sent letters the applicant may download from the portal (frozen PDFs only). */
export async function listPublicLetters(db: Executor, agencyId: string, trackingNo: string, queryCode: string): Promise<Array<{ letter: LetterKind; name: string; on: string }>> {
  const r = await findByCode(db, agencyId, trackingNo, queryCode);
  if (!r) return [];
  const events = await requestsRepo.findEvents(db, r.id);
  return letterKinds.flatMap((letter) => {
    const frozen = frozenOf(letterEvent(events, letter));
    return frozen ? [{ letter, name: letterNames[letter], on: frozen.on }] : [];
  });
}

/** A sent letter's PDF for the applicant, or null (wrong code, unknown number, no such letter: the same answer). */
export async function getPublicLetter(db: Executor, agencyId: string, trackingNo: string, queryCode: string, letter: LetterKind) {
  const r = await findByCode(db, agencyId, trackingNo, queryCode);
  if (!r) return null;
  const frozen = frozenOf(letterEvent(await requestsRepo.findEvents(db, r.id), letter));
  return frozen ? { filename: letterFilename(letter, r.trackingNo, 'pdf'), storageKey: frozen.pdf.sha256 } : null;
}

// ---------------------------------------------------------------- 条例第44条

/** Outcomes whose reply discloses information (the candidates for proactive publication). */
export const disclosingOutcomes: readonly Outcome[] = ['granted', 'partial'];

/**
 * 条例第44条: proposes the information disclosed by a reply for proactive publication. Creates a
 * draft (publishing's createDocument, with the disclosed files attached) that then goes through
 * the normal review chain; records the proposal in the request's events; one transaction.
 */
export async function proposePublication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; columnId: string; title: string; bodyHtml?: string | undefined },
  ip: string | null,
) {
  const r = await loadRequest(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  if (!['replied', 'delivered', 'archived'].includes(r.state) || !disclosingOutcomes.includes(r.outcome as Outcome)) {
    throw invalidState('只有已答复且予以公开或部分公开的申请可以建议转为主动公开');
  }
  if (!(hasRole(actor, r.agencyId, 'admin') || hasRole(actor, r.agencyId, 'handler'))) throw forbidden('只有本单位管理员或依申请公开承办人可以建议转为主动公开');
  if (!hasRole(actor, r.agencyId, 'drafter')) {
    throw forbidden('转为主动公开将以您的名义起草稿件并提交审核，需具有本单位起草人角色');
  }
  const events = await requestsRepo.findEvents(ctx.db, r.id);
  if (events.some((e) => e.kind === 'publication_proposed')) throw invalidState('该申请已建议转为主动公开');
  const replied = letterEvent(events, 'reply');
  const files = replied && Array.isArray(replied.data.files) ? (replied.data.files as ListedFile[]) : [];
  const bodyHtml =
    input.bodyHtml ??
    `<p>依据《中华人民共和国政府信息公开条例》第四十四条，本机关将依申请公开答复中${r.outcome === 'partial' ? '部分' : ''}公开的政府信息转为主动公开。</p>`;
  const docInput = parseInput(createDocumentSchema, { agencyId: r.agencyId, columnId: input.columnId, title: input.title, disclosure: 'proactive', bodyHtml });
  const on = today();
  const blobs = await Promise.all(files.map(async (f) => ({ filename: f.filename, data: await ctx.storage.get(f.sha256) })));
  return ctx.db.transaction(async (tx) => {
    // The publishing use cases run inside this transaction (their own transactions become savepoints).
    const inner: AppContext = { ...ctx, db: tx as unknown as Db };
    const doc = await createDocument(inner, actor, docInput, ip);
    let lockVersion = doc.lockVersion;
    for (const b of blobs) lockVersion = (await addAttachment(inner, actor, doc.id, { lockVersion, filename: b.filename, data: b.data }, ip)).lockVersion;
    const row = await requestsRepo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, {});
    if (!row) throw staleRequest();
    const data = { documentId: doc.id, indexNo: doc.indexNo, title: doc.title, files: files.length };
    await requestsRepo.insertEvent(tx, { requestId: r.id, kind: 'publication_proposed', on, data, actorId: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'request.proposePublication',
      entityType: 'request',
      entityId: r.id,
      after: { trackingNo: r.trackingNo, outcome: r.outcome, event: { kind: 'publication_proposed', on, ...data } },
    });
    return { documentId: doc.id, indexNo: doc.indexNo, title: doc.title, eventName: eventNames.publication_proposed, outcomeName: outcomeInfo[r.outcome as Outcome].name };
  });
}
