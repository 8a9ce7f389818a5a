/**
 * Pure logic of the handover checklist as a set of items: a stable key per item, the
 * fingerprint the successor signs, and the difference between the signed checklist and the
 * checklist as it is now (items that appeared since signing are 新增, those gone are 已不在清单).
 */
import { createHash } from 'node:crypto';

/** The checklist shape (built by handover.service.ts buildChecklist). */
export interface Checklist {
  account: { id: string; username: string; displayName: string; disabled: boolean };
  memberships: { agencyId: string; roles: string[]; steps: string[] }[];
  openDocuments: { id: string; agencyId: string; title: string; status: string; indexNo: string | null }[];
  reviewSteps: { agencyId: string; step: string; soleHolder: boolean; otherHolders: string[] }[];
  requests: { id: string; trackingNo: string; stateName: string; role: 'handler' | 'backup' }[];
  /** Unanswered public feedback as 承办人 (absent in checklists signed before feedback was assigned). */
  feedback?: { id: string; agencyId: string; receivedOn: string; dueOn: string; kindName: string }[];
  duties: { id: string; agencyId: string; kind: string; kindName: string; catalogItemId: string | null; post: 'A' | 'B' }[];
}

const sorted = (xs: readonly string[]) => [...xs].sort().join(',');

export const membershipKey = (m: Checklist['memberships'][number]) => `membership:${m.agencyId}:${sorted(m.roles)}|${sorted(m.steps)}`;
export const documentKey = (d: Checklist['openDocuments'][number]) => `document:${d.id}`;
export const stepKey = (s: Checklist['reviewSteps'][number]) => `reviewStep:${s.agencyId}:${s.step}`;
export const requestKey = (r: Checklist['requests'][number]) => `request:${r.id}:${r.role}`;
export const feedbackKey = (f: NonNullable<Checklist['feedback']>[number]) => `feedback:${f.id}`;
export const dutyKey = (d: Checklist['duties'][number]) => `duty:${d.id}:${d.post}`;

/** Every item of a checklist with its key and a Chinese label (for 已不在清单 lines). */
export function checklistItems(c: Checklist): { key: string; label: string }[] {
  return [
    { key: `account:${c.account.id}`, label: `停用账号 ${c.account.username}` },
    ...c.memberships.map((m) => ({ key: membershipKey(m), label: `单位角色（${m.roles.join('、') || '无角色'}${m.steps.length ? `；审核步骤 ${m.steps.join('、')}` : ''}）` })),
    ...c.openDocuments.map((d) => ({ key: documentKey(d), label: `稿件「${d.title}」` })),
    ...c.reviewSteps.map((s) => ({ key: stepKey(s), label: `审核步骤 ${s.step}` })),
    ...c.requests.map((r) => ({ key: requestKey(r), label: `申请 ${r.trackingNo}（${r.role === 'handler' ? '承办人' : 'B角承办人'}）` })),
    ...(c.feedback ?? []).map((f) => ({ key: feedbackKey(f), label: `${f.receivedOn} 收到的${f.kindName}（留言办理）` })),
    ...c.duties.map((d) => ({ key: dutyKey(d), label: `AB岗 ${d.kindName}（${d.post}岗）` })),
  ];
}

/** sha256 of the sorted item keys: what a signature covers (independent of row order). */
export function checklistFingerprint(c: Checklist): string {
  const keys = checklistItems(c)
    .map((i) => i.key)
    .sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex');
}

type Marked<T> = T & { added: boolean };

/** The current checklist with `added: true` on items not in the signed one, and the signed items now gone. */
export function compareChecklists(signed: Checklist, current: Checklist) {
  const before = new Set(checklistItems(signed).map((i) => i.key));
  const now = new Set(checklistItems(current).map((i) => i.key));
  const mark = <T>(xs: T[], key: (x: T) => string): Marked<T>[] => xs.map((x) => ({ ...x, added: !before.has(key(x)) }));
  const checklist = {
    account: current.account,
    memberships: mark(current.memberships, membershipKey),
    openDocuments: mark(current.openDocuments, documentKey),
    reviewSteps: mark(current.reviewSteps, stepKey),
    requests: mark(current.requests, requestKey),
    feedback: mark(current.feedback ?? [], feedbackKey),
    duties: mark(current.duties, dutyKey),
  };
  const removed = checklistItems(signed)
    .filter((i) => !now.has(i.key))
    .map((i) => i.label);
  const added = checklistItems(current).filter((i) => !before.has(i.key)).length;
  return { checklist, added, removed };
}
