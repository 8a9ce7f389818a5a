/** Implementations of the `gongkai` subcommands. Each returns its exit code (-1: keeps running). */
import { parseArgs } from 'node:util';
import type { Config } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { openRuntime } from '../runtime.ts';
import { serve } from '../server.ts';
import { addUserAsSystem, agencyRoles, findUserId, generatePassword, globalRoles, resetPassword, type AgencyRole, type GlobalRole } from '../modules/accounts/index.ts';
import { findAgencyBySlug } from '../modules/agencies/index.ts';
import { verifyAuditLog } from '../modules/audit/index.ts';

export type Command = (config: Config, args: string[]) => Promise<number>;

const serveCommand: Command = async (config) => {
  const { stop } = await serve(config);
  const shutdown = (signal: string) => {
    process.stdout.write(`收到 ${signal}，正在停止…\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return -1;
};

const migrateCommand: Command = async (config) => {
  const runtime = await openRuntime(config);
  await runtime.close();
  process.stdout.write('数据库迁移完成\n');
  return 0;
};

const userCommand: Command = async (config, args) => {
  const [sub, username, ...rest] = args;
  if (!username || (sub !== 'add' && sub !== 'reset-password')) {
    process.stderr.write('用法: gongkai user add 用户名 [--name 姓名 --agency 单位标识 --roles r1,r2 --steps s1,s2 --global 角色]\n      gongkai user reset-password 用户名\n');
    return 2;
  }
  const runtime = await openRuntime(config);
  try {
    const db = runtime.ctx.db;
    if (sub === 'reset-password') {
      const id = await findUserId(db, username);
      if (!id) {
        process.stderr.write(`用户 ${username} 不存在\n`);
        return 2;
      }
      const password = await resetPassword(db, null, id, null);
      process.stdout.write(`用户 ${username} 的新密码: ${password}\n（下次登录时须修改）\n`);
      return 0;
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        agency: { type: 'string' },
        roles: { type: 'string' },
        steps: { type: 'string' },
        global: { type: 'string' },
        password: { type: 'string' },
      },
    });
    const roles = (values.roles ?? '').split(',').filter(Boolean);
    const bad = roles.filter((r) => !(agencyRoles as readonly string[]).includes(r));
    if (bad.length) {
      process.stderr.write(`未知角色: ${bad.join(', ')}（可选: ${agencyRoles.join(', ')}）\n`);
      return 2;
    }
    if (values.global && !(globalRoles as readonly string[]).includes(values.global)) {
      process.stderr.write(`未知平台角色: ${values.global}（可选: ${globalRoles.join(', ')}）\n`);
      return 2;
    }
    const memberships = [];
    if (values.agency) {
      const agency = await findAgencyBySlug(db, values.agency);
      if (!agency) {
        process.stderr.write(`单位 ${values.agency} 不存在\n`);
        return 2;
      }
      memberships.push({ agencyId: agency.id, roles: roles as AgencyRole[], steps: (values.steps ?? '').split(',').filter(Boolean) });
    } else if (roles.length) {
      process.stderr.write('分配单位角色时须用 --agency 指定单位\n');
      return 2;
    }
    const password = values.password ?? generatePassword();
    await addUserAsSystem(db, {
      username,
      displayName: values.name ?? username,
      password,
      globalRole: (values.global as GlobalRole | undefined) ?? null,
      memberships,
      mustChangePassword: !values.password,
    });
    process.stdout.write(`已新增用户 ${username}${values.password ? '' : `，初始密码: ${password}（首次登录须修改）`}\n`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await runtime.close();
  }
};

const auditCommand: Command = async (config, args) => {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals[0] !== 'verify') {
    process.stderr.write('用法: gongkai audit verify [--json]\n');
    return 2;
  }
  const runtime = await openRuntime(config);
  try {
    const result = await verifyAuditLog(runtime.ctx.db);
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) process.stdout.write(`审计日志完整：共 ${result.rows} 条，哈希链校验通过\n`);
    else {
      process.stdout.write(`审计日志被篡改：共 ${result.rows} 条，发现 ${result.problems.length} 处问题\n`);
      for (const p of result.problems) process.stdout.write(`  - ${p.message}\n`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await runtime.close();
  }
};

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  user: userCommand,
  audit: auditCommand,
};
