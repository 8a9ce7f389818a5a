/**
 * 更新提醒台账 (timeliness ledger), pure: which publications each catalog item owes in a year,
 * on the working-day calendar, and whether they came on time. No I/O; `now` and the calendar
 * are passed in. docs/modules/catalog.md §Ledger explains the arithmetic.
 */
import { chinaDate } from '../../lib/clock.ts';
import { addWorkingDays, countWorkingDays, isWorkingDay, shippedCalendar, type Calendar, type IsoDate } from '../calendar/index.ts';
import { formatTimeRule, type TimeRule } from './time-rule.ts';

/** A catalog item as the ledger sees it. */
export interface LedgerItem {
  id: string;
  areaId: string;
  areaName: string;
  level1: string;
  level2: string;
  rule: TimeRule;
  /** 依申请 items owe no proactive publication and are left out. */
  mode: 'proactive' | 'request';
  /** 是否需要解读: null/absent = by document type (规章/行政规范性文件), true = every publication, false = none. */
  needsInterpretation?: boolean | null;
}

/** A document linked to a catalog item (draft or published). */
export interface LedgerDocument {
  catalogItemId: string;
  documentId: string;
  title: string;
  /** 成文日期: the date the information was formed (条例第26条 counts from it). */
  writtenOn: IsoDate | null;
  /** When the document was created: the formation date when 成文日期 is missing. */
  createdAt: Date;
  /** First publication (version 1), null while unpublished. */
  firstPublishedAt: Date | null;
  /** Withdrawn before publication or otherwise closed without publication: owes nothing. */
  closed?: boolean;
  /**
   * 更正 as 变更 events (条例第26条 "形成或者变更之日起"): when each correction was started and
   * when the version that carried it was published (null while pending). See {@link pairCorrections}.
   */
  corrections?: Array<{ startedAt: Date; publishedAt: Date | null }>;
  /** 规章/行政规范性文件: owes a 政策解读 unless its item says otherwise ({@link owesInterpretation}). */
  isPolicy?: boolean;
  /** The document is itself a 政策解读 (interpretsId set): it never owes one. */
  isInterpretation?: boolean;
  /** First publication of an interpretation of it (any agency, not withdrawn), null when none. */
  firstInterpretedAt?: Date | null;
  /** When a published document was withdrawn (taken down): ends its 公示 ({@link noticeEntries}). */
  withdrawnAt?: Date | null;
  /**
   * The 公示期 the document itself announces (publishing's `noticeStartsOn` / `noticeEndsOn`, YYYY-MM-DD)
   * as last published: the latest published version's. Both or neither.
   */
  noticeStartsOn?: IsoDate | null;
  noticeEndsOn?: IsoDate | null;
}

/** What an entry is for: the information itself, a 更正 of it, or the 政策解读 it owes. */
export type EntryKind = 'publication' | 'correction' | 'interpretation' | 'notice';
export const entryKindNames: Record<EntryKind, string> = { publication: '公开', correction: '更正（变更）', interpretation: '政策解读', notice: '公示' };

/** on_time 按时, late 逾期发布, overdue 已逾期未发布, due 待发布 (deadline not yet passed). */
export type EntryStatus = 'on_time' | 'late' | 'overdue' | 'due';
export const entryStatusNames: Record<EntryStatus | 'none', string> = {
  on_time: '按时公开',
  late: '逾期公开',
  overdue: '已逾期',
  due: '待公开',
  none: '本年无应公开信息',
};

/** One obligation: an event (a document formed) or a period (a month, quarter, year). */
export interface LedgerEntry {
  kind: EntryKind;
  /** The period, for periodic items: 2025-03, 2025-Q1, 2025. */
  period: string | null;
  /** The document that satisfies (or owes) it. */
  documentId: string | null;
  title: string | null;
  /** Formation date (events) or first day of the period. */
  from: IsoDate;
  /** Last day to publish on time (China date). */
  dueDate: IsoDate;
  /** Deadline instant (ISO), exact for hour rules, end of dueDate otherwise. */
  deadline: string;
  /** China date of the (first) publication. */
  publishedOn: IsoDate | null;
  status: EntryStatus;
  /** Working days from today to dueDate (due entries only; null for 公示 entries). */
  workingDaysLeft: number | null;
  /** 公示 entries: China date the document was withdrawn (null while it stays public). */
  withdrawnOn?: IsoDate | null;
  /** 公示 entries: the 公示期 the document announces (null when it announces none). */
  announcedFrom?: IsoDate | null;
  announcedTo?: IsoDate | null;
  /** 公示 entries: the rule's own end (first publication + the rule's 公示期), null when the rule has none. */
  ruleEnd?: IsoDate | null;
  /**
   * 公示期短于规定: the announced 公示期 is shorter than the rule's (counted in the rule's unit, from
   * the day after publication or the announced start if later, to the announced end). Such a 公示
   * counts as `late` once over; while it runs it stays `due` and makes the row 待公开 (a correction
   * announcing a long enough period clears it).
   */
  noticeShort?: boolean;
  /** 公示 entries: the rule's minimum in words (`7天`, `5个工作日`), null when the rule has none. */
  noticeRequired?: string | null;
}

export interface LedgerCounts {
  onTime: number;
  late: number;
  overdue: number;
  due: number;
}

export interface LedgerRow {
  itemId: string;
  areaId: string;
  areaName: string;
  level1: string;
  level2: string;
  timeLimit: string;
  /** The item's 是否需要解读 flag (null = by document type). */
  needsInterpretation: boolean | null;
  /** The worst entry: overdue > late > due > on_time; none without entries. */
  status: EntryStatus | 'none';
  counts: LedgerCounts;
  entries: LedgerEntry[];
}

export interface LedgerSummary {
  counts: LedgerCounts;
  /** onTime / (onTime + late + overdue); null when nothing was owed yet. */
  onTimeRate: number | null;
}

export interface Ledger {
  year: number;
  today: IsoDate;
  rows: LedgerRow[];
  areas: Array<{ areaId: string; areaName: string } & LedgerSummary>;
  total: LedgerSummary;
  /** Years whose holiday schedule is unknown (dates computed with plain weekends). */
  unknownYears: number[];
}

/**
 * Working days a policy may wait for its 解读 unless the agency set another limit
 * (catalog_settings; the same default as publishing's /api/interpretations/missing).
 */
export const defaultInterpretationDays = 5;

/** Whether a published document owes a 政策解读: the item's flag, else its type (规章/行政规范性文件); an interpretation never does. */
export function owesInterpretation(flag: boolean | null | undefined, d: Pick<LedgerDocument, 'isPolicy' | 'isInterpretation'>): boolean {
  if (d.isInterpretation) return false;
  return flag ?? d.isPolicy === true;
}

const dayMs = 86_400_000;
const chinaOffsetMs = 8 * 3_600_000;

/** The instant a China calendar day ends (24:00 Beijing time). */
export function endOfChinaDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + dayMs - chinaOffsetMs);
}

const monthDays = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(Math.min(d, monthDays(y, m)))}`;

/**
 * A due date that falls on a rest day moves to the next working day (民法典第二百零三条:
 * 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
 */
export function rollToWorkingDay(date: IsoDate, calendar: Calendar, unknown: Set<number>): IsoDate {
  if (isWorkingDay(date, calendar)) return date;
  const r = addWorkingDays(date, 1, calendar);
  r.unknownYears.forEach((y) => unknown.add(y));
  return r.date;
}

/** Deadline of an event formed on `formedOn`: working days counted from the next day (条例第26条; 民法典第二百零一条), or hours from the end of that day. */
export function eventDeadline(rule: Extract<TimeRule, { kind: 'event' }>, formedOn: IsoDate, calendar: Calendar = shippedCalendar, unknown = new Set<number>()): { dueDate: IsoDate; deadline: Date } {
  if (rule.unit === 'workingDays') {
    const r = addWorkingDays(formedOn, rule.limit, calendar);
    r.unknownYears.forEach((y) => unknown.add(y));
    return { dueDate: r.date, deadline: endOfChinaDay(r.date) };
  }
  // 成文日期 carries no time of day: the hours run from the end of that day (in the staffer's favour).
  const deadline = new Date(endOfChinaDay(formedOn).getTime() + rule.limit * 3_600_000);
  return { dueDate: chinaDate(new Date(deadline.getTime() - 1)), deadline };
}

/** The periods of `year` with their first day, last day and due date. */
export function periodsOf(rule: Extract<TimeRule, { kind: 'periodic' }>, year: number, calendar: Calendar = shippedCalendar, unknown = new Set<number>()): Array<{ period: string; start: IsoDate; end: IsoDate; dueDate: IsoDate }> {
  const out: Array<{ period: string; start: IsoDate; end: IsoDate; dueDate: IsoDate }> = [];
  const due = (y: number, m: number, d: number) => rollToWorkingDay(isoDay(y, m, d), calendar, unknown);
  if (rule.period === 'monthly') {
    for (let m = 1; m <= 12; m++) {
      const [ny, nm] = m === 12 ? [year + 1, 1] : [year, m + 1];
      out.push({ period: `${year}-${pad(m)}`, start: isoDay(year, m, 1), end: isoDay(year, m, 31), dueDate: due(ny, nm, rule.dueDay) });
    }
  } else if (rule.period === 'quarterly') {
    for (let q = 1; q <= 4; q++) {
      const [ny, nm] = q === 4 ? [year + 1, 1] : [year, q * 3 + 1];
      out.push({ period: `${year}-Q${q}`, start: isoDay(year, q * 3 - 2, 1), end: isoDay(year, q * 3, 31), dueDate: due(ny, nm, rule.dueDay) });
    }
  } else {
    out.push({ period: String(year), start: `${year}-01-01`, end: `${year}-12-31`, dueDate: due(year + 1, rule.dueMonth ?? 1, rule.dueDay) });
  }
  return out;
}

const severity: Record<EntryStatus | 'none', number> = { none: 0, on_time: 1, due: 2, late: 3, overdue: 4 };

function emptyCounts(): LedgerCounts {
  return { onTime: 0, late: 0, overdue: 0, due: 0 };
}

function add(c: LedgerCounts, s: EntryStatus): void {
  if (s === 'on_time') c.onTime++;
  else c[s]++;
}

/** onTime / (onTime + late + overdue), null when nothing was owed. Always within [0, 1]. */
export function onTimeRate(c: LedgerCounts): number | null {
  const owed = c.onTime + c.late + c.overdue;
  return owed === 0 ? null : c.onTime / owed;
}

function leftDays(today: IsoDate, dueDate: IsoDate, calendar: Calendar): number {
  return Math.max(0, countWorkingDays(today, dueDate, calendar).count);
}

/**
 * Pairs the corrections started on a document with the versions published after version 1: each
 * start is carried by the first later version not yet used (pending when none). A later version
 * with no start before it (a direct correction) is a change formed and published the same moment.
 */
export function pairCorrections(starts: Date[], laterVersions: Date[]): Array<{ startedAt: Date; publishedAt: Date | null }> {
  const vs = [...laterVersions].sort((a, b) => a.getTime() - b.getTime());
  const used = new Set<number>();
  const out: Array<{ startedAt: Date; publishedAt: Date | null }> = [];
  for (const st of [...starts].sort((a, b) => a.getTime() - b.getTime())) {
    const i = vs.findIndex((v, j) => !used.has(j) && v.getTime() >= st.getTime());
    if (i >= 0) used.add(i);
    out.push({ startedAt: st, publishedAt: i >= 0 ? vs[i]! : null });
  }
  vs.forEach((v, j) => {
    if (!used.has(j)) out.push({ startedAt: v, publishedAt: v });
  });
  return out.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/** One deadline-bound entry: on time / late when published, else overdue / due against `now`. */
function deadlineEntry(kind: EntryKind, d: LedgerDocument, title: string, from: IsoDate, due: { dueDate: IsoDate; deadline: Date }, publishedAt: Date | null, now: Date, calendar: Calendar): LedgerEntry {
  let status: EntryStatus;
  if (publishedAt) status = publishedAt.getTime() <= due.deadline.getTime() ? 'on_time' : 'late';
  else status = now.getTime() > due.deadline.getTime() ? 'overdue' : 'due';
  return {
    kind,
    period: null,
    documentId: d.documentId,
    title,
    from,
    dueDate: due.dueDate,
    deadline: due.deadline.toISOString(),
    publishedOn: publishedAt ? chinaDate(publishedAt) : null,
    status,
    workingDaysLeft: status === 'due' ? leftDays(chinaDate(now), due.dueDate, calendar) : null,
  };
}

/** Corrections of event-driven items: each is a 变更 with the item's own limit, counted from the day it was started. */
function correctionEntries(rule: Extract<TimeRule, { kind: 'event' }>, docs: LedgerDocument[], year: number, now: Date, calendar: Calendar, unknown: Set<number>): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const d of docs) {
    if (d.closed) continue;
    for (const c of d.corrections ?? []) {
      const formedOn = chinaDate(c.startedAt);
      if (Number(formedOn.slice(0, 4)) !== year) continue;
      out.push(deadlineEntry('correction', d, `${d.title}（更正）`, formedOn, eventDeadline(rule, formedOn, calendar, unknown), c.publishedAt, now, calendar));
    }
  }
  return out;
}

/**
 * 政策解读 of the policies linked to an item: due `days` working days after the policy's first
 * publication (overdue = 解读缺失). Counted in the item's rate like any other obligation.
 */
export function interpretationEntries(
  docs: LedgerDocument[],
  year: number,
  days: number,
  now: Date,
  calendar: Calendar = shippedCalendar,
  unknown = new Set<number>(),
  flag: boolean | null = null,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const d of docs) {
    if (!owesInterpretation(flag, d) || !d.firstPublishedAt || d.closed) continue;
    const publishedOn = chinaDate(d.firstPublishedAt);
    if (Number(publishedOn.slice(0, 4)) !== year) continue;
    // days = 0 (同步): due the day the policy was published.
    const r = addWorkingDays(publishedOn, days, calendar);
    r.unknownYears.forEach((y) => unknown.add(y));
    out.push(deadlineEntry('interpretation', d, `${d.title}（解读）`, publishedOn, { dueDate: r.date, deadline: endOfChinaDay(r.date) }, d.firstInterpretedAt ?? null, now, calendar));
  }
  return out;
}

/**
 * Last day of the 公示期 of a publication on `publishedOn`: N calendar days or N working days,
 * the publication day not counted (民法典第二百零一条); a calendar-day period ending on a rest day
 * runs to the next working day (民法典第二百零三条). The period ends at 24:00 of that day.
 */
export function noticeEnd(rule: Extract<TimeRule, { kind: 'event' }>, publishedOn: IsoDate, calendar: Calendar = shippedCalendar, unknown = new Set<number>()): IsoDate | null {
  if (!rule.noticeDays) return null;
  if (rule.noticeUnit === 'workingDays') {
    const r = addWorkingDays(publishedOn, rule.noticeDays, calendar);
    r.unknownYears.forEach((y) => unknown.add(y));
    return r.date;
  }
  const last = new Date(Date.parse(`${publishedOn}T00:00:00Z`) + rule.noticeDays * dayMs).toISOString().slice(0, 10);
  return rollToWorkingDay(last, calendar, unknown);
}

const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
const previousDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) - dayMs).toISOString().slice(0, 10);

/** The rule's 公示期 in words: `7天`, `5个工作日`. */
export function noticeRequirement(rule: Extract<TimeRule, { kind: 'event' }>): string | null {
  if (!rule.noticeDays) return null;
  return rule.noticeUnit === 'workingDays' ? `${rule.noticeDays}个工作日` : `${rule.noticeDays}天`;
}

/**
 * Length of an announced 公示期 in the rule's unit: the days from the later of the day after
 * publication (民法典第二百零一条, as {@link noticeEnd} counts) and the announced start, to the
 * announced end, inclusive. Calendar days: literal days (the announcement's own dates, no roll to a
 * working day); working days: on the calendar. 0 when the announced period ends before it starts counting.
 */
export function announcedNoticeLength(rule: Extract<TimeRule, { kind: 'event' }>, from: IsoDate, to: IsoDate, publishedOn: IsoDate, calendar: Calendar = shippedCalendar): number {
  const afterPublication = nextDay(publishedOn);
  const first = from > afterPublication ? from : afterPublication;
  if (first > to) return 0;
  if (rule.noticeUnit === 'workingDays') return countWorkingDays(previousDay(first), to, calendar).count;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / dayMs) + 1;
}

/**
 * 公示 entries: one per document first published in `year` that has a 公示期 — the rule's (an
 * event rule with `noticeDays`) or its own announced one (`noticeStartsOn`/`noticeEndsOn`, on any
 * item, periodic ones too). It must stay public until the later of the rule's end
 * ({@link noticeEnd}) and the announced end: a 公示 announced to run longer stays up as announced.
 * Withdrawn before that instant → `late` (公示期不足, against the rate); still running → `due`
 * (公示中, not in the rate); otherwise `on_time` (公示期满) — except that an announced 公示期
 * shorter than the rule's ({@link announcedNoticeLength}, `noticeShort`) ends as `late`
 * (公示期短于规定): the public was told the objection window closes before the rule allows.
 */
export function noticeEntries(rule: TimeRule, docs: LedgerDocument[], year: number, now: Date, calendar: Calendar = shippedCalendar, unknown = new Set<number>()): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const eventRule = rule.kind === 'event' && rule.noticeDays ? rule : null;
  for (const d of docs) {
    if (!d.firstPublishedAt) continue;
    const announced = d.noticeStartsOn && d.noticeEndsOn ? { from: d.noticeStartsOn, to: d.noticeEndsOn } : null;
    if (!eventRule && !announced) continue;
    const publishedOn = chinaDate(d.firstPublishedAt);
    if (Number(publishedOn.slice(0, 4)) !== year) continue;
    const ruleEnd = eventRule ? noticeEnd(eventRule, publishedOn, calendar, unknown) : null;
    const end = [ruleEnd, announced?.to].filter((x): x is IsoDate => !!x).sort().at(-1)!;
    const short = !!eventRule && !!announced && announcedNoticeLength(eventRule, announced.from, announced.to, publishedOn, calendar) < eventRule.noticeDays!;
    const deadline = endOfChinaDay(end);
    const withdrawn = d.withdrawnAt ?? null;
    let status: EntryStatus;
    if (withdrawn && withdrawn.getTime() < deadline.getTime()) status = 'late';
    else if (now.getTime() < deadline.getTime()) status = 'due';
    else status = short ? 'late' : 'on_time';
    out.push({
      kind: 'notice',
      period: null,
      documentId: d.documentId,
      title: `${d.title}（公示）`,
      from: publishedOn,
      dueDate: end,
      deadline: deadline.toISOString(),
      publishedOn,
      status,
      workingDaysLeft: null,
      withdrawnOn: withdrawn ? chinaDate(withdrawn) : null,
      announcedFrom: announced?.from ?? null,
      announcedTo: announced?.to ?? null,
      ruleEnd,
      noticeShort: short,
      noticeRequired: eventRule ? noticeRequirement(eventRule) : null,
    });
  }
  return out;
}

/**
 * Chinese status of an entry: an interpretation that is overdue is 解读缺失; 公示 entries say
 * 公示期不足 (withdrawn early) / 公示期短于规定 (announced too short) / 公示中 / 公示期满.
 */
export function entryStatusName(e: Pick<LedgerEntry, 'kind' | 'status' | 'dueDate'> & Pick<Partial<LedgerEntry>, 'withdrawnOn' | 'noticeShort' | 'announcedFrom' | 'announcedTo' | 'noticeRequired'>): string {
  if (e.kind === 'interpretation' && e.status === 'overdue') return '解读缺失（已逾期）';
  if (e.kind === 'interpretation' && e.status === 'late') return '解读逾期';
  if (e.kind === 'notice') {
    const short = e.noticeShort ? `公示期短于规定（公示${e.announcedFrom ?? ''}至${e.announcedTo ?? ''}，规定不少于${e.noticeRequired ?? ''}）` : '';
    const early = e.status === 'late' && e.withdrawnOn && e.withdrawnOn <= e.dueDate ? `公示期不足（${e.withdrawnOn}撤下，应公示至${e.dueDate}）` : '';
    if (e.status === 'late') return [early, short].filter(Boolean).join('；') || `公示期不足（${e.withdrawnOn ?? ''}撤下，应公示至${e.dueDate}）`;
    if (e.status === 'due') return `公示中（至${e.dueDate}）${short ? `；${short}` : ''}`;
    return '公示期满';
  }
  return entryStatusNames[e.status];
}

/** Entries of an event-driven item: one per linked document formed in `year`. */
function eventEntries(rule: Extract<TimeRule, { kind: 'event' }>, docs: LedgerDocument[], year: number, now: Date, calendar: Calendar, unknown: Set<number>): LedgerEntry[] {
  const today = chinaDate(now);
  const out: LedgerEntry[] = [];
  for (const d of docs) {
    const formedOn = d.writtenOn ?? chinaDate(d.createdAt);
    if (Number(formedOn.slice(0, 4)) !== year) continue;
    if (!d.firstPublishedAt && d.closed) continue;
    const { dueDate, deadline } = eventDeadline(rule, formedOn, calendar, unknown);
    let status: EntryStatus;
    if (d.firstPublishedAt) status = d.firstPublishedAt.getTime() <= deadline.getTime() ? 'on_time' : 'late';
    else status = now.getTime() > deadline.getTime() ? 'overdue' : 'due';
    out.push({
      kind: 'publication',
      period: null,
      documentId: d.documentId,
      title: d.title,
      from: formedOn,
      dueDate,
      deadline: deadline.toISOString(),
      publishedOn: d.firstPublishedAt ? chinaDate(d.firstPublishedAt) : null,
      status,
      workingDaysLeft: status === 'due' ? leftDays(today, dueDate, calendar) : null,
    });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * Entries of a periodic item: every period of `year` that has started by today. Each period
 * takes the earliest unused publication dated on or after its first day: on time when on or
 * before the due date, late otherwise; without one, overdue after the due date, else due.
 */
function periodicEntries(rule: Extract<TimeRule, { kind: 'periodic' }>, docs: LedgerDocument[], year: number, now: Date, calendar: Calendar, unknown: Set<number>): LedgerEntry[] {
  const today = chinaDate(now);
  const pubs = docs
    .filter((d) => d.firstPublishedAt)
    .map((d) => ({ d, on: chinaDate(d.firstPublishedAt!) }))
    .sort((a, b) => a.on.localeCompare(b.on));
  const used = new Set<string>();
  const out: LedgerEntry[] = [];
  // Publications of earlier years' periods are consumed first, so a January publication of
  // last December's report is not counted for this January.
  for (const p of [...periodsOf(rule, year - 1, calendar, unknown), ...periodsOf(rule, year, calendar, unknown)]) {
    if (p.start > today) break;
    const previousYear = !p.start.startsWith(String(year));
    // A period of last year only takes a publication that was on time for it.
    const pub = pubs.find((x) => !used.has(x.d.documentId) && x.on >= p.start && (!previousYear || x.on <= p.dueDate));
    if (pub) used.add(pub.d.documentId);
    if (previousYear) continue;
    const deadline = endOfChinaDay(p.dueDate);
    let status: EntryStatus;
    if (pub) status = pub.on <= p.dueDate ? 'on_time' : 'late';
    else status = now.getTime() > deadline.getTime() ? 'overdue' : 'due';
    out.push({
      kind: 'publication',
      period: p.period,
      documentId: pub?.d.documentId ?? null,
      title: pub?.d.title ?? null,
      from: p.start,
      dueDate: p.dueDate,
      deadline: deadline.toISOString(),
      publishedOn: pub?.on ?? null,
      status,
      workingDaysLeft: status === 'due' ? leftDays(today, p.dueDate, calendar) : null,
    });
  }
  return out;
}

/** The ledger of one agency and year. */
export function computeLedger(items: LedgerItem[], docs: LedgerDocument[], opts: { year: number; now: Date; calendar?: Calendar; interpretationDays?: number }): Ledger {
  const days = opts.interpretationDays ?? defaultInterpretationDays;
  const calendar = opts.calendar ?? shippedCalendar;
  const unknown = new Set<number>();
  const byItem = new Map<string, LedgerDocument[]>();
  for (const d of docs) byItem.set(d.catalogItemId, [...(byItem.get(d.catalogItemId) ?? []), d]);
  const rows: LedgerRow[] = [];
  const areas = new Map<string, { areaId: string; areaName: string; counts: LedgerCounts }>();
  const total = emptyCounts();
  for (const item of items) {
    if (item.mode !== 'proactive') continue;
    const mine = byItem.get(item.id) ?? [];
    const entries = [
      ...(item.rule.kind === 'event'
        ? [...eventEntries(item.rule, mine, opts.year, opts.now, calendar, unknown), ...correctionEntries(item.rule, mine, opts.year, opts.now, calendar, unknown)]
        : periodicEntries(item.rule, mine, opts.year, opts.now, calendar, unknown)),
      ...noticeEntries(item.rule, mine, opts.year, opts.now, calendar, unknown),
      ...interpretationEntries(mine, opts.year, days, opts.now, calendar, unknown, item.needsInterpretation ?? null),
    ].sort((a, b) => a.from.localeCompare(b.from));
    const counts = emptyCounts();
    let status: EntryStatus | 'none' = 'none';
    for (const e of entries) {
      add(counts, e.status);
      add(total, e.status);
      // A running 公示 is pending (counted with `due`) but asks nothing of the staff: the row is not 待公开 for it
      // — unless its announced 公示期 is too short (公示期短于规定), which a correction should fix while it runs.
      const s = e.kind === 'notice' && e.status === 'due' && !e.noticeShort ? 'on_time' : e.status;
      if (severity[s] > severity[status]) status = s;
    }
    const area = areas.get(item.areaId) ?? { areaId: item.areaId, areaName: item.areaName, counts: emptyCounts() };
    for (const e of entries) add(area.counts, e.status);
    areas.set(item.areaId, area);
    rows.push({ itemId: item.id, areaId: item.areaId, areaName: item.areaName, level1: item.level1, level2: item.level2, timeLimit: formatTimeRule(item.rule), needsInterpretation: item.needsInterpretation ?? null, status, counts, entries });
  }
  return {
    year: opts.year,
    today: chinaDate(opts.now),
    rows,
    areas: [...areas.values()].map((a) => ({ ...a, onTimeRate: onTimeRate(a.counts) })),
    total: { counts: total, onTimeRate: onTimeRate(total) },
    unknownYears: [...unknown].sort(),
  };
}
