/** Input schemas of the accounts routes. */
import { z } from 'zod';
import { agencyRoles, globalRoles, usernamePattern } from './actor.ts';

export const loginSchema = z.object({
  /** Account name. */
  username: z.string().trim().min(1, '请输入用户名').max(64),
  /** Password. */
  password: z.string().min(1, '请输入密码').max(200),
});

export const changePasswordSchema = z.object({
  /** The password in use now. */
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  /** The new password (≥ 10 characters, three character classes). */
  newPassword: z.string().min(1, '请输入新密码').max(200),
});

const membershipSchema = z.object({
  /** Agency the roles apply to. */
  agencyId: z.string().uuid('单位编号格式不正确'),
  /** Roles in that agency. */
  roles: z.array(z.enum(agencyRoles)).max(agencyRoles.length),
  /** Review step keys a reviewer decides. */
  steps: z.array(z.string().min(1).max(40)).max(20).default([]),
});

/** Optional e-mail for reminders; '' or null clears it. */
export const emailField = z
  .string()
  .trim()
  .max(254, '电子邮箱过长')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确')
  .transform((v) => v || null)
  .nullable()
  .optional();

/** A user's own settings (PATCH /api/auth/profile). */
export const profileSchema = z.object({ email: emailField }).strict();

export const createUserSchema = z
  .object({
    /** Login name: letters, digits, dot, underscore, hyphen. */
    username: z.string().trim().regex(usernamePattern, '用户名为 2–32 位字母、数字或 ._-'),
    /** Name shown to colleagues. */
    displayName: z.string().trim().min(1, '请输入姓名').max(50),
    /** Initial password; generated when omitted. */
    password: z.string().max(200).optional(),
    /** Platform-wide role. */
    globalRole: z.enum(globalRoles).nullable().optional(),
    /** Address for e-mailed reminders. */
    email: emailField,
    /** Roles per agency. */
    memberships: z.array(membershipSchema).max(50).default([]),
  })
  .strict();

export const updateUserSchema = z
  .object({
    /** Name shown to colleagues. */
    displayName: z.string().trim().min(1).max(50).optional(),
    /** Address for e-mailed reminders (null clears it). */
    email: emailField,
    /** Disable (true) or re-enable (false) the account. */
    disabled: z.boolean().optional(),
    /** Platform-wide role (null removes it). */
    globalRole: z.enum(globalRoles).nullable().optional(),
    /** Roles per agency to set (roles [] removes the membership). */
    memberships: z.array(membershipSchema).max(50).optional(),
    /** Clear a temporary lockout. */
    unlock: z.boolean().optional(),
  })
  .strict();
