/**
 * Use cases of accounts: sign-in with lockout, sessions with idle expiry, password change,
 * and user administration. Each state change writes its audit row in the same transaction.
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { now } from '../../lib/clock.ts';
import { randomToken, sha256 } from '../../lib/ids.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { agencyRoles, canReadAgency, hasRole, usernamePattern, type Actor, type AgencyRole, type GlobalRole, type Membership } from './actor.ts';
import { decoyHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import * as repo from './accounts.repository.ts';
import { gateMemberships } from '../training/index.ts';

/** Failed attempts before an account is locked. */
export const lockoutThreshold = 5;
/** How long a lock lasts. */
export const lockoutMinutes = 15;

/** Who is acting, for audit rows. */
export function auditActor(actor: Actor | null, ip?: string | null): AuditActor {
  return actor ? { userId: actor.userId, username: actor.username, ip } : { userId: null, username: '系统', ip };
}

/** The system itself (jobs, first start). */
export const systemActor: AuditActor = { userId: null, username: '系统' };

/** Memberships as assigned (what user administration shows and edits). */
function membershipsOf(rows: repo.MembershipRow[]): Membership[] {
  return rows.map((m) => ({
    agencyId: m.agencyId,
    roles: m.roles.filter((r): r is AgencyRole => (agencyRoles as readonly string[]).includes(r)),
    steps: m.steps,
  }));
}

async function toActor(db: Executor, user: repo.UserRow, rows: repo.MembershipRow[]): Promise<Actor> {
  const memberships = membershipsOf(rows);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    globalRole: (user.globalRole as GlobalRole | null) ?? null,
    mustChangePassword: user.mustChangePassword,
    // Roles that wait for a passed pre-post test are not effective (training module).
    memberships: await gateMemberships(db, user.id, memberships),
  };
}

/** Loads the actor of a user id (null for an unknown or disabled account). */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.disabled) return null;
  return toActor(db, user, await repo.findMemberships(db, [user.id]));
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
}

export interface LoginResult {
  /** Cookie value (only its hash is stored). */
  token: string;
  csrfToken: string;
  actor: Actor;
}

const badCredentials = () => new AppError('UNAUTHENTICATED', { message: '用户名或密码错误', reason: 'BAD_CREDENTIALS' });

/** Signs in; counts failures and locks the account after {@link lockoutThreshold}. */
export async function login(db: Db, input: LoginInput): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await decoyHash(), input.password);
    throw badCredentials();
  }
  const at = now();
  if (user.lockedUntil && user.lockedUntil > at) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - at.getTime()) / 60_000);
    throw new AppError('LOCKED', { message: `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试` });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabled) {
    await db.transaction(async (tx) => {
      const after = await repo.recordFailedLogin(tx, user.id, lockoutThreshold, new Date(at.getTime() + lockoutMinutes * 60_000));
      const locked = after.failedLogins >= lockoutThreshold;
      await recordAudit(tx, { userId: null, username: input.username, ip: input.ip }, {
        agencyId: null,
        action: locked ? 'auth.lockout' : 'auth.loginFailed',
        entityType: 'user',
        entityId: user.id,
        after: { failedLogins: after.failedLogins },
      });
    });
    if (user.disabled) throw new AppError('FORBIDDEN', { message: '该账号已停用，请联系管理员', reason: 'ACCOUNT_DISABLED' });
    throw badCredentials();
  }
  const token = randomToken();
  const csrfToken = randomToken();
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null });
    await repo.insertSession(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { userId: user.id, username: user.username, ip: input.ip }, {
      agencyId: null,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { token, csrfToken, actor: await toActor(db, user, await repo.findMemberships(db, [user.id])) };
}

/** A live session and its actor. */
export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/**
 * Finds the session of a cookie token. Sessions idle for longer than `idleMinutes` are
 * deleted and treated as absent. lastSeenAt is written at most once a minute.
 */
export async function resolveSession(db: Db, token: string, idleMinutes: number): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const session = await repo.findSession(db, id);
  if (!session) return null;
  const at = now();
  if (at.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await repo.deleteSession(db, id);
    return null;
  }
  const actor = await loadActor(db, session.userId);
  if (!actor) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (at.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, id, at);
  return { sessionId: id, csrfToken: session.csrfToken, actor };
}

/** Ends a session. */
export async function logout(db: Db, sessionId: string, actor: Actor, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: null, action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Changes the actor's own password; other sessions of the account end. */
export async function changePassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw notFound('用户');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('UNPROCESSABLE', { message: '当前密码不正确', reason: 'BAD_CURRENT_PASSWORD', details: { fields: { currentPassword: '当前密码不正确' } } });
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new AppError('VALIDATION', { message: problem, details: { fields: { newPassword: problem } } });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION', { message: '新密码不能与当前密码相同', details: { fields: { newPassword: '新密码不能与当前密码相同' } } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now() });
    await repo.deleteUserSessions(tx, user.id, sessionId);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: null, action: 'user.changePassword', entityType: 'user', entityId: user.id });
  });
}

/** A user as administrators see it. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  globalRole: GlobalRole | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  memberships: Membership[];
  createdAt: string;
}

function presentUser(u: repo.UserRow, ms: repo.MembershipRow[], visible: (agencyId: string) => boolean): UserView {
  const memberships = membershipsOf(ms.filter((m) => m.userId === u.id && visible(m.agencyId)));
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    globalRole: (u.globalRole as GlobalRole | null) ?? null,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > now(),
    mustChangePassword: u.mustChangePassword,
    memberships,
    createdAt: u.createdAt.toISOString(),
  };
}

function adminScope(actor: Actor): string[] | 'all' {
  if (actor.globalRole === 'sysadmin') return 'all';
  return actor.memberships.filter((m) => m.roles.includes('admin')).map((m) => m.agencyId);
}

function requireAnyAdmin(actor: Actor): string[] | 'all' {
  const scope = adminScope(actor);
  if (scope !== 'all' && scope.length === 0) throw forbidden('只有管理员可以管理用户');
  return scope;
}

/** Users an administrator manages (with memberships limited to the agencies they administer). */
export async function listUsers(db: Db, actor: Actor): Promise<UserView[]> {
  const scope = requireAnyAdmin(actor);
  const rows = await repo.findUsers(db, scope);
  const ms = await repo.findMemberships(db, rows.map((r) => r.id));
  return rows.map((u) => presentUser(u, ms, (id) => scope === 'all' || scope.includes(id)));
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password?: string | undefined;
  globalRole?: GlobalRole | null | undefined;
  email?: string | null | undefined;
  memberships: Membership[];
}

/** Creates an account; returns it and, when no password was given, the generated one (shown once). */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, ip: string): Promise<{ user: UserView; password: string }> {
  const scope = requireAnyAdmin(actor);
  if (input.globalRole && actor.globalRole !== 'sysadmin') throw forbidden('只有平台管理员可以授予平台级角色');
  for (const m of input.memberships) {
    if (!hasRole(actor, m.agencyId, 'admin')) throw forbidden('只能为本单位分配角色');
  }
  if (scope !== 'all' && input.memberships.length === 0) {
    throw new AppError('VALIDATION', { message: '请至少为新用户分配一个本单位角色', details: { fields: { memberships: '必填' } } });
  }
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, input.username);
  if (problem) throw new AppError('VALIDATION', { message: problem, details: { fields: { password: problem } } });
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, input.username)) {
      throw new AppError('CONFLICT', { message: `用户名 ${input.username} 已存在`, details: { fields: { username: '已存在' } } });
    }
    const u = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      globalRole: input.globalRole ?? null,
      email: input.email ?? null,
      // A password chosen by someone else is changed at first sign-in.
      mustChangePassword: true,
    });
    for (const m of input.memberships) await repo.setMembership(tx, u.id, m.agencyId, m.roles, m.steps);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.memberships[0]?.agencyId ?? null,
      action: 'user.create',
      entityType: 'user',
      entityId: u.id,
      after: { username: u.username, displayName: u.displayName, globalRole: u.globalRole, memberships: input.memberships },
    });
    return u;
  });
  const ms = await repo.findMemberships(db, [user.id]);
  return { user: presentUser(user, ms, () => true), password };
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  email?: string | null | undefined;
  disabled?: boolean | undefined;
  globalRole?: GlobalRole | null | undefined;
  /** Memberships to set, one per agency (roles [] removes it). */
  memberships?: Membership[] | undefined;
  /** Clears a temporary lockout. */
  unlock?: boolean | undefined;
}

async function findManagedUser(db: Executor, actor: Actor, userId: string): Promise<repo.UserRow> {
  const scope = requireAnyAdmin(actor);
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFound('用户');
  if (scope !== 'all') {
    const ms = await repo.findMemberships(db, [user.id]);
    if (!ms.some((m) => scope.includes(m.agencyId))) throw notFound('用户');
    if (user.globalRole) throw forbidden('只有平台管理员可以修改平台级账号');
  }
  return user;
}

/** Changes name, state, roles of an account. Disabling ends its sessions. */
export async function updateUser(db: Db, actor: Actor, userId: string, input: UpdateUserInput, ip: string): Promise<UserView> {
  const user = await findManagedUser(db, actor, userId);
  if (input.globalRole !== undefined && actor.globalRole !== 'sysadmin') throw forbidden('只有平台管理员可以授予平台级角色');
  for (const m of input.memberships ?? []) {
    if (!hasRole(actor, m.agencyId, 'admin')) throw forbidden('只能为本单位分配角色');
  }
  if (userId === actor.userId && (input.disabled || (input.globalRole === null && actor.globalRole === 'sysadmin'))) {
    throw new AppError('UNPROCESSABLE', { message: '不能停用自己或撤销自己的平台管理员角色' });
  }
  await db.transaction(async (tx) => {
    const before = { displayName: user.displayName, email: user.email, disabled: user.disabled, globalRole: user.globalRole, memberships: await repo.findMemberships(tx, [userId]) };
    await repo.updateUser(tx, userId, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.globalRole !== undefined ? { globalRole: input.globalRole } : {}),
      ...(input.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
    });
    for (const m of input.memberships ?? []) await repo.setMembership(tx, userId, m.agencyId, m.roles, m.steps);
    if (input.disabled) await repo.deleteUserSessions(tx, userId);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.memberships?.[0]?.agencyId ?? before.memberships[0]?.agencyId ?? null,
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before: { displayName: before.displayName, email: before.email, disabled: before.disabled, globalRole: before.globalRole, memberships: before.memberships.map((m) => ({ agencyId: m.agencyId, roles: m.roles, steps: m.steps })) },
      after: input,
    });
  });
  const fresh = (await repo.findUserById(db, userId))!;
  return presentUser(fresh, await repo.findMemberships(db, [userId]), () => true);
}

/** Sets a new generated password (returned once); the account must change it at next sign-in. */
export async function resetPassword(db: Db, actor: Actor | null, userId: string, ip: string | null): Promise<string> {
  if (actor) await findManagedUser(db, actor, userId);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const u = await repo.updateUser(tx, userId, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: now() });
    if (!u) throw notFound('用户');
    await repo.deleteUserSessions(tx, userId);
    await recordAudit(tx, actor ? auditActor(actor, ip) : systemActor, { agencyId: null, action: 'user.resetPassword', entityType: 'user', entityId: userId });
  });
  return password;
}

/** Deletes sessions idle longer than `idleMinutes` (a job). */
export async function purgeIdleSessions(db: Db, idleMinutes: number): Promise<number> {
  return repo.deleteIdleSessions(db, new Date(now().getTime() - idleMinutes * 60_000));
}

/**
 * First start: creates the platform administrator `admin` with the given password when no
 * account of that name exists. Returns true when it was created.
 */
export async function ensureAdmin(db: Db, password: string): Promise<boolean> {
  if (await repo.findUserByUsername(db, 'admin')) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const u = await repo.insertUser(tx, { username: 'admin', displayName: '平台管理员', passwordHash, globalRole: 'sysadmin' });
    await recordAudit(tx, systemActor, { agencyId: null, action: 'user.create', entityType: 'user', entityId: u.id, after: { username: 'admin', globalRole: 'sysadmin' } });
  });
  return true;
}

/** Creates a user directly (CLI `user add`, demo data): no actor checks, audited as 系统. */
export async function addUserAsSystem(db: Db, input: CreateUserInput & { password: string; mustChangePassword?: boolean }): Promise<string> {
  if (!usernamePattern.test(input.username)) throw new AppError('VALIDATION', { message: '用户名为 2–32 位字母、数字或 ._-' });
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new AppError('VALIDATION', { message: problem });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, input.username)) throw new AppError('CONFLICT', { message: `用户名 ${input.username} 已存在` });
    const u = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      globalRole: input.globalRole ?? null,
      email: input.email ?? null,
      mustChangePassword: input.mustChangePassword ?? false,
    });
    for (const m of input.memberships) await repo.setMembership(tx, u.id, m.agencyId, m.roles, m.steps);
    await recordAudit(tx, systemActor, { agencyId: input.memberships[0]?.agencyId ?? null, action: 'user.create', entityType: 'user', entityId: u.id, after: { username: u.username, memberships: input.memberships } });
    return u.id;
  });
}

/** Finds a user id by username (CLI). */
export async function findUserId(db: Db, username: string): Promise<string | null> {
  return (await repo.findUserByUsername(db, username))?.id ?? null;
}

/** A user's own e-mail address for reminders (PATCH /api/auth/profile); audited. */
export async function updateOwnProfile(db: Db, actor: Actor, input: { email?: string | null | undefined }, ip: string): Promise<{ email: string | null }> {
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw notFound('用户');
  if (input.email === undefined) return { email: user.email };
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.userId, { email: input.email ?? null });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: null,
      action: 'user.profile',
      entityType: 'user',
      entityId: actor.userId,
      before: { email: user.email },
      after: { email: input.email ?? null },
    });
  });
  return { email: input.email ?? null };
}

/** The user's own profile (e-mail). */
export async function getOwnProfile(db: Db, actor: Actor): Promise<{ email: string | null }> {
  return { email: (await repo.findUserById(db, actor.userId))?.email ?? null };
}

/** Active members of an agency holding any of `roles` (system use: reminders for work nobody is assigned to). */
export async function findAgencyStaffIds(db: Executor, agencyId: string, roles: AgencyRole[]): Promise<string[]> {
  return roles.length ? repo.findMemberIdsWithRoles(db, agencyId, roles) : [];
}

/** Name, e-mail and state of users by id (recipients of notifications); unknown ids are absent. */
export async function findUserContacts(db: Executor, ids: string[]): Promise<Array<{ id: string; displayName: string; email: string | null; disabled: boolean }>> {
  const rows = await repo.findUsersByIds(db, ids);
  return rows.map((u) => ({ id: u.id, displayName: u.displayName, email: u.email, disabled: u.disabled }));
}

/** An agency's staff as pickers show them: name, username and roles there, nothing else (no e-mail, no account state). */
export interface AgencyMember {
  id: string;
  username: string;
  displayName: string;
  roles: AgencyRole[];
}

/**
 * Active members of an agency, optionally only those holding `role` (GET /api/agencies/:id/members).
 * Readable by whoever may read the agency (handlers pick a backup, admins reassign).
 */
export async function listAgencyMembers(db: Executor, actor: Actor, agencyId: string, role?: AgencyRole): Promise<AgencyMember[]> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  const rows = await repo.findAgencyMembers(db, agencyId);
  return rows
    .map((r) => ({ id: r.id, username: r.username, displayName: r.displayName, roles: r.roles.filter((x): x is AgencyRole => (agencyRoles as readonly string[]).includes(x)) }))
    .filter((m) => m.roles.length > 0 && (!role || m.roles.includes(role)));
}

/**
 * Re-authentication for an electronic signature (e.g. signing a handover): the signed-in user
 * re-enters their password. A wrong password counts as a failed login (same lockout as
 * sign-in, audited `auth.reauthFailed` / `auth.lockout`) and answers 422 in Chinese; a locked
 * account answers 423.
 */
export async function reauthenticate(db: Db, actor: Actor, password: string, ip: string | null): Promise<void> {
  const user = await repo.findUserById(db, actor.userId);
  if (!user || user.disabled) throw new AppError('FORBIDDEN', { message: '该账号已停用，请联系管理员', reason: 'ACCOUNT_DISABLED' });
  const at = now();
  if (user.lockedUntil && user.lockedUntil > at) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - at.getTime()) / 60_000);
    throw new AppError('LOCKED', { message: `密码错误次数过多，账号已临时锁定，请 ${minutes} 分钟后再试` });
  }
  // Success changes nothing (the failure count is cleared by the next sign-in, which is audited).
  if (await verifyPassword(user.passwordHash, password)) return;
  await db.transaction(async (tx) => {
    const after = await repo.recordFailedLogin(tx, user.id, lockoutThreshold, new Date(at.getTime() + lockoutMinutes * 60_000));
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: null,
      action: after.failedLogins >= lockoutThreshold ? 'auth.lockout' : 'auth.reauthFailed',
      entityType: 'user',
      entityId: user.id,
      after: { failedLogins: after.failedLogins },
    });
  });
  throw new AppError('UNPROCESSABLE', { message: '密码不正确，签名未生效', reason: 'BAD_PASSWORD', details: { fields: { password: '密码不正确' } } });
}
