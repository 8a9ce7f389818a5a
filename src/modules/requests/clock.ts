/**
 * The statutory clock of a request, derived from its events and the working-day calendar. Pure:
 * no I/O, `today` passed in. The due date is never stored as an unexplained number: every
 * screen and letter shows {@link RequestClock.lines} beside it (docs/modules/requests.md).
 *
 * Rules (条例 = 《政府信息公开条例》2019):
 * - 第33条第2款: reply within 20 working days of receipt; day 1 is the first working day after
 *   receipt (calendar module, 《民法典》第二百零一条).
 * - 第30条: one correction notice within 7 working days of receipt with a reasonable period;
 *   the 20 days restart from the day the correction is received; no correction in time →
 *   deemed withdrawn (其他处理1).
 * - 第33条第2款: one extension of at most 20 working days, approved by the head of the
 *   disclosure office and notified to the applicant.
 * - 第33条第3款: time spent consulting a third party (第32条: 15 working days for its answer)
 *   or other organs (第34条: 15 working days) is not counted: working days d with
 *   `started < d ≤ ended` are skipped; a consultation still out counts as ending today.
 * - 信息处理费 (国办函〔2020〕109号, DOMAIN.md §1.5 [M]): the period from the fee notice to
 *   payment is not counted either; unpaid by the notice's deadline → 其他处理2.
 */
import {
  addDays,
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  unknownYearsWarning,
  type Calendar,
  type IsoDate,
  type SkippedHoliday,
} from '../calendar/index.ts';
import type { EventKind } from './model.ts';

/** Working days to reply (条例第33条第2款). */
export const REPLY_WORKING_DAYS = 20;
/** Working days within which the one correction notice must go out (条例第30条). */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Longest extension (条例第33条第2款). */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Working days a consulted third party (第32条) or organ (第34条) has to answer. */
export const CONSULTATION_WORKING_DAYS = 15;
/** Default payment period of a fee notice, in working days [M]. */
export const DEFAULT_FEE_PERIOD_WORKING_DAYS = 20;

/** One event as the clock reads it (chronological order, as stored). */
export interface ClockEvent {
  kind: EventKind;
  /** The legal date of the event. */
  on: IsoDate;
  data?: Record<string, unknown> | undefined;
}

/** A period in which the clock stood still. */
export interface ClockPause {
  kind: 'consultation' | 'fee';
  /** For a consultation: third_party (第32条) | organ (第34条). */
  party?: 'third_party' | 'organ' | undefined;
  from: IsoDate;
  /** null while still running (counted as ending today). */
  to: IsoDate | null;
  /** Working days not counted because of this pause (up to the due date). */
  workingDays: number;
  /** A consultation: the date by which the consulted party must answer (15 working days). */
  answerDueOn?: IsoDate | undefined;
}

/** The derived clock of one request. */
export interface RequestClock {
  /** awaiting_correction: no reply clock until the correction arrives; closed: replied or ended. */
  phase: 'awaiting_correction' | 'running' | 'paused' | 'closed';
  /** Day 0 of the reply clock: the receipt, or the receipt of the correction. */
  start: IsoDate;
  startKind: 'received' | 'correction_received';
  /** 20 plus the extension. */
  workingDays: number;
  extensionDays: number;
  /** The reply deadline; null while waiting for a correction. */
  dueOn: IsoDate | null;
  /** Receipt + 7 working days: the last day for the correction notice. */
  correctionNoticeDueOn: IsoDate;
  /** true when the correction notice went out after that day. */
  correctionNoticeLate: boolean;
  /** The applicant's last day to correct, when a correction was asked for. */
  correctionDeadline: IsoDate | null;
  /** Waiting for a correction whose period has passed: may be closed as 视为放弃 (其他处理1). */
  correctionExpired: boolean;
  pauses: ClockPause[];
  /** The payment deadline of a fee notice, if one was sent. */
  feeDeadline: IsoDate | null;
  /** A fee notice is unpaid after its deadline: may be closed as 其他处理2. */
  feeExpired: boolean;
  /** The reply (or withdrawal) date once closed. */
  closedOn: IsoDate | null;
  /** Open and past the due date. */
  overdue: boolean;
  /** Working days from today to the due date (0 = today is the last day, negative = overdue); null without a running clock. */
  workingDaysLeft: number | null;
  /** Closed by a reply after the due date. */
  repliedLate: boolean;
  /** Holiday runs between the start and the due date. */
  skipped: SkippedHoliday[];
  /** Years without a holiday schedule the computation touched. */
  unknownYears: number[];
  /** Chinese warning lines (unknown years). */
  warnings: string[];
  /** The deadline arithmetic in one line, e.g. 收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30. */
  explanation: string;
  /** The whole history of the clock, one Chinese line per fact, warnings first. */
  lines: string[];
  /** `lines` joined with newlines. */
  text: string;
}

const yearOf = (d: IsoDate) => Number(d.slice(0, 4));
const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function isoDate(v: unknown): IsoDate | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

const pauseLabel = (p: ClockPause) =>
  p.kind === 'fee' ? '收费通知至缴费' : p.party === 'organ' ? '征求其他机关意见' : '征求第三方意见';

/** Derives the clock of a request received on `receivedOn` from its events. */
export function computeClock(input: { receivedOn: IsoDate; events: readonly ClockEvent[]; today: IsoDate; calendar: Calendar }): RequestClock {
  const { receivedOn, events, today, calendar } = input;
  const unknown = new Set<number>();
  const note = (years: readonly number[]) => years.forEach((y) => unknown.add(y));
  const add = (d: IsoDate, n: number) => {
    const r = addWorkingDays(d, n, calendar);
    note(r.unknownYears);
    return r.date;
  };

  const correctionNoticeDueOn = add(receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
  let start = receivedOn;
  let startKind: RequestClock['startKind'] = 'received';
  let correctionRequestedOn: IsoDate | null = null;
  let correctionDeadline: IsoDate | null = null;
  let correctionReceived = false;
  let extensionDays = 0;
  let feeDeadline: IsoDate | null = null;
  let closedOn: IsoDate | null = null;
  let closedKind: EventKind | null = null;
  const pauses: ClockPause[] = [];
  const facts: Array<string> = [`${receivedOn} 收到申请（条例第31条）`];

  for (const e of events) {
    const data = e.data ?? {};
    switch (e.kind) {
      case 'correction_requested': {
        correctionRequestedOn = e.on;
        const period = positiveInt(data.periodDays);
        correctionDeadline = isoDate(data.deadlineOn) ?? add(e.on, period ?? 10);
        const late = e.on > correctionNoticeDueOn;
        facts.push(
          `${e.on} 一次性告知补正（条例第30条：应在收到申请之日起7个工作日内即 ${correctionNoticeDueOn} 前告知${late ? '，本次告知已逾期' : ''}）；补正期限至 ${correctionDeadline}`,
        );
        break;
      }
      case 'correction_received':
        correctionReceived = true;
        start = e.on;
        startKind = 'correction_received';
        facts.push(`${e.on} 收到补正，答复期限自该日起重新计算（条例第30条）`);
        break;
      case 'extension': {
        const days = Math.min(positiveInt(data.days) ?? 0, MAX_EXTENSION_WORKING_DAYS - extensionDays);
        extensionDays += days;
        const by = typeof data.approvedBy === 'string' ? data.approvedBy : '政府信息公开工作机构负责人';
        const noticeOn = isoDate(data.noticeOn);
        facts.push(`${e.on} 经${by}同意延期 ${days} 个工作日${noticeOn ? `，${noticeOn} 告知申请人` : ''}（条例第33条第2款，延期最长20个工作日）`);
        break;
      }
      case 'consultation_started': {
        const party = data.party === 'organ' ? 'organ' : 'third_party';
        const answerDueOn = add(e.on, CONSULTATION_WORKING_DAYS);
        pauses.push({ kind: 'consultation', party, from: e.on, to: null, workingDays: 0, answerDueOn });
        break;
      }
      case 'consultation_ended': {
        const open = pauses.findLast((p) => p.kind === 'consultation' && p.to === null);
        if (open) open.to = maxDate(e.on, open.from);
        break;
      }
      case 'fee_notice': {
        const period = positiveInt(data.periodDays) ?? DEFAULT_FEE_PERIOD_WORKING_DAYS;
        feeDeadline = isoDate(data.deadlineOn) ?? add(e.on, period);
        pauses.push({ kind: 'fee', from: e.on, to: null, workingDays: 0 });
        break;
      }
      case 'fee_paid': {
        const open = pauses.findLast((p) => p.kind === 'fee' && p.to === null);
        if (open) open.to = maxDate(e.on, open.from);
        break;
      }
      case 'replied':
      case 'withdrawn':
      case 'deemed_withdrawn':
        closedOn ??= e.on;
        closedKind ??= e.kind;
        break;
      default:
        break;
    }
  }

  const awaitingCorrection = correctionRequestedOn !== null && !correctionReceived;
  const workingDays = REPLY_WORKING_DAYS + extensionDays;
  // An open pause counts as ending today (or when the request closed).
  const pauseEnd = (p: ClockPause) => p.to ?? maxDate(closedOn ?? today, p.from);
  const pausedOn = (d: IsoDate) => pauses.find((p) => p.from < d && d <= pauseEnd(p));

  // Walk forward from the start, counting working days outside pauses.
  let dueOn: IsoDate | null = null;
  const skipped: SkippedHoliday[] = [];
  type Mark = { date: IsoDate; text: string };
  const marks: Mark[] = [];
  const short = (d: IsoDate) => (yearOf(d) === yearOf(start) ? d.slice(5) : d);
  if (!awaitingCorrection) {
    let d = start;
    let counted = 0;
    let lastYear = Number.NaN;
    let first: { date: IsoDate; makeUp: boolean } | null = null;
    let last: { date: IsoDate; makeUp: boolean } = { date: start, makeUp: false };
    for (let guard = 0; counted < workingDays && guard < 20_000; guard++) {
      d = addDays(d, 1);
      const y = yearOf(d);
      if (y !== lastYear) {
        lastYear = y;
        if (!calendar.knownYears.has(y)) unknown.add(y);
      }
      const listed = calendar.listed.get(d);
      if (isWorkingDay(d, calendar)) {
        const pause = pausedOn(d);
        if (pause) {
          pause.workingDays++;
          continue;
        }
        counted++;
        const step = { date: d, makeUp: !!listed };
        if (counted === 1) first = step;
        last = step;
      } else if (listed) {
        const prev = skipped.at(-1);
        if (prev && prev.name === listed.name && addDays(prev.to, 1) === d) {
          prev.to = d;
          prev.days++;
        } else skipped.push({ from: d, to: d, name: listed.name, days: 1 });
      }
    }
    dueOn = last.date;
    const makeUpNote = (s: { makeUp: boolean }) => (s.makeUp ? '（调休上班）' : '');
    if (workingDays > 1 && first) marks.push({ date: first.date, text: `第1个工作日 ${short(first.date)}${makeUpNote(first)}${workingDays > 2 ? '…' : ''}` });
    for (const s of skipped) marks.push({ date: s.from, text: s.from === s.to ? `跳过 ${short(s.from)} ${s.name}` : `跳过 ${short(s.from)} 至 ${short(s.to)} ${s.name}` });
    for (const p of pauses) {
      if (p.workingDays === 0) continue;
      marks.push({ date: p.from, text: `暂停 ${short(p.from)} 至 ${short(pauseEnd(p))} ${pauseLabel(p)}（${p.workingDays}个工作日不计入）` });
    }
    marks.push({ date: last.date, text: `第${workingDays}个工作日 ${last.date}${makeUpNote(last)}` });
    marks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  const startLabel = startKind === 'received' ? '收到' : '收到补正';
  const explanation = dueOn ? [`${startLabel} ${start}`, ...marks.map((m) => m.text)].join('；') : '';

  for (const p of pauses) {
    const end = p.to ? `，${p.to} 结束` : '，尚未结束';
    if (p.kind === 'consultation') {
      const article = p.party === 'organ' ? '第34条：其他机关' : '第32条：第三方';
      facts.push(`${p.from} ${pauseLabel(p)}（条例${article}应在15个工作日内即 ${p.answerDueOn ?? ''} 前提出意见）${end}；所需时间不计入答复期限（条例第33条第3款）`);
    } else {
      facts.push(`${p.from} 发出信息处理费收费通知，缴费期限至 ${feeDeadline ?? ''}${p.to ? `，${p.to} 缴费` : '，尚未缴费'}；其间不计入答复期限`);
    }
  }

  const closed = closedOn !== null;
  const correctionExpired = awaitingCorrection && !closed && correctionDeadline !== null && today > correctionDeadline;
  const openFee = pauses.find((p) => p.kind === 'fee' && p.to === null);
  const feeExpired = !closed && !!openFee && feeDeadline !== null && today > feeDeadline;
  const paused = !closed && pauses.some((p) => p.to === null);
  const phase: RequestClock['phase'] = closed ? 'closed' : awaitingCorrection ? 'awaiting_correction' : paused ? 'paused' : 'running';
  let workingDaysLeft: number | null = null;
  let overdue = false;
  if (!closed && dueOn) {
    const c = countWorkingDays(today, dueOn, calendar);
    note(c.unknownYears);
    workingDaysLeft = c.count;
    overdue = today > dueOn;
  }
  const repliedLate = closedKind === 'replied' && !!dueOn && !!closedOn && closedOn > dueOn;

  if (dueOn) facts.push(`答复期限：${explanation}${extensionDays ? `（含延期 ${extensionDays} 个工作日）` : ''}`);
  if (closed) {
    const what = closedKind === 'replied' ? '答复' : closedKind === 'withdrawn' ? '申请人撤回申请' : '视为放弃申请';
    facts.push(`${closedOn} ${what}${closedKind === 'replied' && dueOn ? (repliedLate ? '（已超过答复期限）' : '（在答复期限内）') : ''}`);
  } else if (awaitingCorrection) {
    facts.push(
      correctionExpired
        ? `补正期限 ${correctionDeadline} 已过，申请人未补正的，视为放弃申请（条例第30条，年报“其他处理1”）`
        : `等待申请人补正（期限至 ${correctionDeadline}）；收到补正后重新计算20个工作日`,
    );
  } else if (dueOn && workingDaysLeft !== null) {
    if (overdue) facts.push(`已超过答复期限 ${-workingDaysLeft} 个工作日`);
    else facts.push(workingDaysLeft === 0 ? '今天是答复期限的最后一天' : `距答复期限还有 ${workingDaysLeft} 个工作日${paused ? '（计时暂停中，按今日结束推算）' : ''}`);
  }
  if (feeExpired) facts.push(`缴费期限 ${feeDeadline} 已过仍未缴费，可不再处理（年报“其他处理2”）`);

  const unknownYears = [...unknown].sort((a, b) => a - b);
  const warnings = unknownYears.length ? [unknownYearsWarning(unknownYears)] : [];
  const lines = [...warnings, ...facts];
  return {
    phase,
    start,
    startKind,
    workingDays,
    extensionDays,
    dueOn,
    correctionNoticeDueOn,
    correctionNoticeLate: correctionRequestedOn !== null && correctionRequestedOn > correctionNoticeDueOn,
    correctionDeadline,
    correctionExpired,
    pauses,
    feeDeadline,
    feeExpired,
    closedOn,
    overdue,
    workingDaysLeft,
    repliedLate,
    skipped,
    unknownYears,
    warnings,
    explanation,
    lines,
    text: lines.join('\n'),
  };
}
