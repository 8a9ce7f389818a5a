/**
 * Shapes of the server's JSON answers as the console uses them. They mirror the server's
 * presenters (src/modules/…); the console never imports server code.
 */

export type AgencyRole = 'admin' | 'drafter' | 'reviewer' | 'auditor' | 'handler' | 'approver';
export type GlobalRole = 'sysadmin' | 'supervisor';

export interface Membership {
  agencyId: string;
  roles: AgencyRole[];
  /** Review-chain step keys this reviewer decides. */
  steps: string[];
  /** Roles held but waiting for a passed pre-post test (岗前培训). */
  pendingTraining?: AgencyRole[];
}

/** The signed-in person (GET /api/auth/session). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  globalRole: GlobalRole | null;
  memberships: Membership[];
  mustChangePassword: boolean;
}

export interface SessionAnswer {
  actor: Actor;
  csrfToken: string;
  roleNames?: Record<string, string>;
}

/** One step of an agency's 三审三校 chain. */
export interface ReviewStep {
  key: string;
  name: string;
  checklist: string[];
  privacy?: boolean;
}

/** Public settings shown in the portal footer and the 指南. */
export interface AgencySettings {
  sponsor?: string;
  siteCode?: string;
  icp?: string;
  psb?: string;
  address?: string;
  officeHours?: string;
  phone?: string;
  fax?: string;
  email?: string;
}

export type AgencyKind = 'county' | 'department' | 'township';

export interface Agency {
  id: string;
  code: string;
  slug: string;
  name: string;
  kind: AgencyKind;
  parentId: string | null;
  settings: AgencySettings;
  reviewChain: ReviewStep[];
  sort: number;
}

/** A column (栏目), two levels deep. */
export interface Column {
  id: string;
  agencyId: string;
  parentId: string | null;
  slug: string;
  name: string;
  basis: string | null;
  sort: number;
}

/** A user as administrators see it (GET /api/users). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  /** Address for e-mailed reminders. */
  email: string | null;
  globalRole: GlobalRole | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  memberships: Membership[];
  createdAt: string;
}

/** One audit row (GET /api/audit). */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  problems: { id: number; kind: string; message: string }[];
}

/** draft → in_review ⇄ returned → published | scheduled | approved (not 主动公开) → withdrawn. */
export type DocumentStatus = 'draft' | 'returned' | 'in_review' | 'scheduled' | 'published' | 'withdrawn' | 'approved';
export type Disclosure = 'proactive' | 'request' | 'none';
export type DisclosureGround = 'art14' | 'art15' | 'art16_1' | 'art16_2';
export type DocType = 'regulation' | 'normative' | 'other';
export type Validity = 'valid' | 'repealed' | 'expired';

/** What the server lets the actor do to a document now (allowedActions). */
export type DocumentAction = 'update' | 'addAttachment' | 'removeAttachment' | 'submit' | 'approve' | 'return' | 'withdraw' | 'startCorrection';

/** The step awaiting a decision. */
export interface StepRef {
  index: number;
  key: string;
  name: string;
}

/** A document in lists and the inbox (presentDocumentSummary). */
export interface DocumentSummary {
  id: string;
  agencyId: string;
  indexNo: string;
  title: string;
  docNo: string | null;
  columnId: string;
  disclosure: Disclosure;
  status: DocumentStatus;
  statusName: string;
  /** Set while in review or scheduled. */
  currentStep: StepRef | null;
  /** true while a correction of a published item is under way. */
  correcting: boolean;
  liveVersion: number | null;
  scheduledAt: string | null;
  lockVersion: number;
  createdBy: { id: string; displayName: string | null };
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a document (POST/PATCH /api/documents). */
export interface DocumentFields {
  title: string;
  docNo: string | null;
  publisher: string | null;
  writtenOn: string | null;
  topic: string | null;
  columnId: string;
  /** 公开目录事项 (required before a 主动公开 item is submitted). */
  catalogItemId: string | null;
  disclosure: Disclosure;
  disclosureGround: DisclosureGround | null;
  docType: DocType;
  validity: Validity | null;
  effectiveOn: string | null;
  invalidOn: string | null;
  bodyHtml: string;
  keywords: string[];
  /** 公示期 (主动公开 only, both or neither; YYYY-MM-DD). */
  noticeStartsOn?: string | null;
  noticeEndsOn?: string | null;
}

/** A document's working copy (GET /api/documents/:id → document). */
export interface DocumentView extends DocumentSummary, DocumentFields {
  disclosureName: string;
  disclosureGroundName: string | null;
  docTypeName: string;
  validityName: string | null;
  chain: ReviewStep[] | null;
  round: number;
  /** 更正说明 of a correction under way. */
  changeNote: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  current: boolean;
  /** Characters of text extracted for search. */
  textLength: number;
  createdAt: string;
}

/** One event of the review trail. */
export interface ReviewActionView {
  id: string;
  round: number;
  action: string;
  actionName: string;
  stepKey: string | null;
  stepName: string | null;
  actor: { id: string | null; displayName: string | null };
  comment: string | null;
  checklist: string[];
  at: string;
}

export interface VersionView {
  version: number;
  title: string;
  publishedAt: string;
  changeNote: string | null;
  isCurrent: boolean;
}

/** GET /api/documents/:id (and the answer of every workflow action). */
export interface DocumentDetail {
  document: DocumentView;
  attachments: AttachmentView[];
  /** Attachments removed from the working copy that a published version still lists. */
  previousAttachments: AttachmentView[];
  reviewActions: ReviewActionView[];
  versions: VersionView[];
  allowedActions: DocumentAction[];
}

/** GET /api/documents. */
export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  page: number;
  pageSize: number;
}
