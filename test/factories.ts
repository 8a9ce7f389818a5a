/** Builders of test data through the real services (never raw inserts). */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../src/context.ts';
import { addUserAsSystem, type AgencyRole, type GlobalRole } from '../src/modules/accounts/index.ts';
import { createAgency, type Agency, type AgencyKind } from '../src/modules/agencies/index.ts';
import { systemActor } from '../src/modules/accounts/index.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** A fresh agency with the standard columns and default review chain. */
export async function buildAgency(ctx: AppContext, overrides: { kind?: AgencyKind; name?: string } = {}): Promise<Agency> {
  const u = unique();
  return createAgency(ctx.db, systemActor, {
    code: `T${u.toUpperCase().replace(/[^0-9A-Z]/g, '')}`.slice(0, 18),
    slug: `t-${u.toLowerCase()}`.slice(0, 32),
    name: overrides.name ?? `测试乡人民政府${u.slice(-4)}`,
    kind: overrides.kind ?? 'township',
  });
}

/** Password every test user gets (meets the policy). */
export const testPassword = 'Test-Passw0rd!';

/** A user with roles in one agency (or a platform role); returns its id and username. */
export async function buildUser(
  ctx: AppContext,
  opts: { agency?: Agency; roles?: AgencyRole[]; steps?: string[]; globalRole?: GlobalRole; displayName?: string; email?: string } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = `u${unique()}`.slice(0, 32);
  const id = await addUserAsSystem(ctx.db, {
    username,
    displayName: opts.displayName ?? username,
    password: testPassword,
    globalRole: opts.globalRole ?? null,
    email: opts.email ?? null,
    memberships: opts.agency ? [{ agencyId: opts.agency.id, roles: opts.roles ?? [], steps: opts.steps ?? [] }] : [],
  });
  return { id, username, password: testPassword };
}

/**
 * A published 主动公开 item (through the publishing module's `createPublishedItem`), created by
 * `createdBy` or by a fresh sysadmin. Returns its document id and 索引号.
 */
export async function buildPublishedItem(
  ctx: AppContext,
  opts: {
    agency: Agency;
    createdBy?: string;
    columnSlug?: string;
    title?: string;
    bodyHtml?: string;
    docNo?: string;
    publishedAt?: Date;
    attachments?: Array<{ filename: string; data: Buffer }>;
  },
): Promise<{ documentId: string; indexNo: string }> {
  // Imported here so this file's head stays as it was (builders are appended).
  const { createPublishedItem } = await import('../src/modules/publishing/index.ts');
  const createdBy = opts.createdBy ?? (await buildUser(ctx, { globalRole: 'sysadmin' })).id;
  return createPublishedItem(ctx, {
    agencyId: opts.agency.id,
    columnSlug: opts.columnSlug ?? 'qtxx',
    title: opts.title ?? `测试信息${unique().slice(-6)}`,
    bodyHtml: opts.bodyHtml ?? '<p>测试正文</p>',
    createdBy,
    ...(opts.docNo ? { docNo: opts.docNo } : {}),
    ...(opts.publishedAt ? { publishedAt: opts.publishedAt } : {}),
    ...(opts.attachments ? { attachments: opts.attachments } : {}),
  });
}
