/** Implementations of the `gongkai` subcommands. Each returns its exit code (-1: keeps running). */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { filesDir, openRuntime, pgliteDir } from '../runtime.ts';
import { addUserAsSystem, agencyRoles, findUserId, generatePassword, globalRoles, resetPassword, usernamePattern, type AgencyRole, type GlobalRole } from '../modules/accounts/index.ts';
import { findAgencyBySlug } from '../modules/agencies/index.ts';
import { verifyAuditLog, type VerifyResult } from '../modules/audit/index.ts';
import { backupsDir, keptBackups, restoreBackup, scheduledBackupName, verifyBackupFile, writeBackup } from '../modules/backup/index.ts';
import { openDatabase } from '../db/client.ts';
import { DataDirLockedError, lockDataDir } from '../db/lock.ts';
import { createLogger } from '../lib/logger.ts';
import { localStorage } from '../lib/storage.ts';
import type { CliEnv } from './cli-env.ts';
import { localServerUrl, RemoteError, verifyThroughServer } from './remote.ts';
import { calendarCommand } from './calendar.command.ts';
import { PasswordInputError, promptNewPassword, readPasswordFromStream } from './password-input.ts';
import { reportCommand } from './report.command.ts';
import { doctorCommand } from './doctor.command.ts';
import { privacyCommand } from './privacy.command.ts';
import { catalogCommand } from './catalog-backfill.command.ts';

export type Command = (config: Config, args: string[], env: CliEnv) => Promise<number>;

const serveCommand: Command = async (config) => {
  // Loaded on demand: the web app's modules are not needed by the other commands (faster CLI start).
  const { serve } = await import('../server.ts');
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

const userUsage =
  '用法: gongkai user add 用户名 [--name 姓名 --agency 单位标识 --roles r1,r2 --steps s1,s2 --global 角色] [--password-stdin | --generate]\n' +
  '      （密码：--password-stdin 从标准输入读取第一行；在终端中不加参数时提示输入（不回显）；--generate 生成一次性密码，首次登录须修改）\n' +
  '      gongkai user reset-password 用户名（生成一次性密码，下次登录须修改）\n';

/** Shown when the deprecated --password is used: the password is visible to `ps` and kept in the shell history. */
const passwordArgWarning = '警告：--password 会使密码出现在进程列表（ps）和命令历史中，不安全，今后将取消；请改用 --password-stdin、终端交互输入或 --generate\n';

const userCommand: Command = async (config, args) => {
  const [sub, username, ...rest] = args;
  if (!username || (sub !== 'add' && sub !== 'reset-password') || (sub === 'reset-password' && rest.length)) {
    process.stderr.write(userUsage);
    return 2;
  }
  // Input is checked before the database is opened: bad input never waits for (or locks) the data folder.
  let values: {
    name?: string | undefined;
    agency?: string | undefined;
    roles?: string | undefined;
    steps?: string | undefined;
    global?: string | undefined;
    password?: string | undefined;
    'password-stdin'?: boolean | undefined;
    generate?: boolean | undefined;
  } = {};
  if (sub === 'add') {
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          agency: { type: 'string' },
          roles: { type: 'string' },
          steps: { type: 'string' },
          global: { type: 'string' },
          password: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          generate: { type: 'boolean' },
        },
      }));
    } catch (e) {
      process.stderr.write(`参数有误：${(e as Error).message}\n${userUsage}`);
      return 2;
    }
    if (!usernamePattern.test(username)) {
      process.stderr.write(`用户名 ${username} 无效：用户名为 2–32 位字母、数字或 ._-\n`);
      return 2;
    }
  }
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
  if (roles.length && !values.agency) {
    process.stderr.write('分配单位角色时须用 --agency 指定单位\n');
    return 2;
  }
  // The password is read before the database is opened (a prompt must not hold the data-folder lock).
  let chosen: string | null = null;
  if (sub === 'add') {
    const sources = [values.password !== undefined, !!values['password-stdin'], !!values.generate].filter(Boolean).length;
    if (sources > 1) {
      process.stderr.write(`--password、--password-stdin 和 --generate 只能选一个\n${userUsage}`);
      return 2;
    }
    try {
      if (values.password !== undefined) {
        process.stderr.write(passwordArgWarning);
        chosen = values.password;
      } else if (values['password-stdin']) {
        chosen = await readPasswordFromStream(process.stdin);
      } else if (!values.generate) {
        if (!process.stdin.isTTY) {
          process.stderr.write(`未提供密码：请用 --password-stdin 从标准输入读取，在终端中交互输入，或用 --generate 生成一次性密码\n${userUsage}`);
          return 2;
        }
        chosen = await promptNewPassword(process.stdin, process.stderr);
      }
    } catch (e) {
      if (e instanceof PasswordInputError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
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
    const memberships = [];
    if (values.agency) {
      const agency = await findAgencyBySlug(db, values.agency);
      if (!agency) {
        process.stderr.write(`单位 ${values.agency} 不存在\n`);
        return 2;
      }
      memberships.push({ agencyId: agency.id, roles: roles as AgencyRole[], steps: (values.steps ?? '').split(',').filter(Boolean) });
    }
    // --generate: a one-time password, printed once here and changed at first sign-in (accounts: mustChangePassword).
    const password = chosen ?? generatePassword();
    await addUserAsSystem(db, {
      username,
      displayName: values.name ?? username,
      password,
      globalRole: (values.global as GlobalRole | undefined) ?? null,
      memberships,
      mustChangePassword: chosen === null,
    });
    process.stdout.write(`已新增用户 ${username}${chosen !== null ? '' : `，一次性初始密码: ${password}（仅显示这一次，首次登录须修改）`}\n`);
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

function printVerifyResult(result: VerifyResult, json: boolean | undefined): number {
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok) process.stdout.write(`审计日志完整：共 ${result.rows} 条，哈希链校验通过\n`);
  else {
    process.stdout.write(`审计日志被篡改：共 ${result.rows} 条，发现 ${result.problems.length} 处问题\n`);
    for (const p of result.problems) process.stdout.write(`  - ${p.message}\n`);
  }
  return result.ok ? 0 : 1;
}

const auditUsage = '用法: gongkai audit verify [--json] [--url http://主机:端口] [--user 用户名]\n（通过服务校验时，密码只从环境变量 GONGKAI_PASSWORD 读取，用户名取 --user 或 GONGKAI_USERNAME）\n';

const auditCommand: Command = async (config, args, env) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, url: { type: 'string' }, user: { type: 'string' } }, allowPositionals: true });
  } catch (e) {
    const password = /--password/.test((e as Error).message);
    process.stderr.write(password ? '出于安全考虑，密码不能写在命令行上：请通过环境变量 GONGKAI_PASSWORD 提供\n' : `${(e as Error).message}\n${auditUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'verify' || positionals.length > 1) {
    process.stderr.write(auditUsage);
    return 2;
  }
  // Through the server: asked for with --url, or because the server holds the data folder.
  const remote = async (baseUrl: string): Promise<number> => {
    const username = values.user ?? env.GONGKAI_USERNAME;
    const password = env.GONGKAI_PASSWORD;
    if (!username || !password) {
      process.stderr.write(`通过服务 ${baseUrl} 校验需要登录：请设置环境变量 GONGKAI_USERNAME（或使用 --user）和 GONGKAI_PASSWORD（平台管理员或县级监督员账号）\n`);
      return 2;
    }
    try {
      return printVerifyResult(await verifyThroughServer({ baseUrl, username, password }), values.json);
    } catch (e) {
      if (e instanceof RemoteError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
  };
  if (values.url !== undefined) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(values.url)) {
      process.stderr.write(`--url 须为服务地址，例如 http://127.0.0.1:3000（收到: ${values.url}）\n`);
      return 2;
    }
    return remote(values.url);
  }
  let runtime;
  try {
    runtime = await openRuntime(config);
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    const url = localServerUrl(config.HOST, config.PORT);
    process.stderr.write(`数据目录正被运行中的服务（pid ${e.pid}）使用，改为通过服务 ${url} 校验\n`);
    return remote(url);
  }
  try {
    return printVerifyResult(await verifyAuditLog(runtime.ctx.db), values.json);
  } finally {
    await runtime.close();
  }
};

const backupCommand: Command = async (config, args) => {
  const [target, ...extra] = args;
  if (!target || extra.length || target.startsWith('-')) {
    process.stderr.write('用法: gongkai backup 文件（或已有的文件夹：在其中生成 gongkai-年月日-时分秒.ndjson.gz）\n');
    return 2;
  }
  const file = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, scheduledBackupName(new Date())) : target;
  let runtime;
  try {
    runtime = await openRuntime(config, createLogger('warn'));
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    process.stderr.write(
      `数据目录 ${config.dataDir} 正被运行中的 Gongkai 服务（pid ${e.pid}）使用，命令行无法在服务运行时读取内置数据库。\n` +
        `服务每天自动备份到 ${backupsDir(config)}${path.sep}（保留最近 ${keptBackups} 份，文件名 gongkai-年月日-时分秒.ndjson.gz），可直接复制其中最新的一份；\n` +
        '或先停止服务，再运行 gongkai backup 文件。\n',
    );
    return 3;
  }
  try {
    const summary = await writeBackup(runtime.ctx, file);
    for (const s of summary.skippedFiles) {
      process.stderr.write(`警告：附件 ${s.key} ${s.reason === 'missing' ? '已不存在' : '内容与校验值不符（已损坏）'}，未写入备份\n`);
    }
    process.stdout.write(`备份完成：${summary.file}（${summary.rows} 行数据，${summary.files} 个附件，${(summary.bytes / 1024 / 1024).toFixed(1)} MB）\n`);
    return 0;
  } finally {
    await runtime.close();
  }
};

const restoreCommand: Command = async (config, args) => {
  const [file, ...extra] = args;
  if (!file || extra.length || file.startsWith('-')) {
    process.stderr.write('用法: gongkai restore 备份文件（恢复到空的数据目录或空数据库）\n');
    return 2;
  }
  try {
    // The whole file is checked before anything (even the data folder) is created.
    const verified = await verifyBackupFile(file);
    const log = createLogger('warn');
    let release: () => void = () => undefined;
    if (config.embedded) {
      try {
        release = lockDataDir(config.dataDir);
      } catch (e) {
        if (!(e instanceof DataDirLockedError)) throw e;
        process.stderr.write(`数据目录 ${config.dataDir} 正被运行中的 Gongkai 服务（pid ${e.pid}）使用。请恢复到一个新的空数据目录（设置 GONGKAI_DATA_DIR）。\n`);
        return 3;
      }
    }
    try {
      const database = await openDatabase({ url: config.DATABASE_URL, pgliteDir: pgliteDir(config) });
      try {
        const r = await restoreBackup({ database, storage: localStorage(filesDir(config)), log }, file, verified);
        process.stdout.write(
          `恢复完成：${r.rows} 行数据，${r.files} 个附件（备份时间 ${r.createdAt}）。\n账号与密码和备份时相同；运行 gongkai serve 启动服务。\n`,
        );
        return 0;
      } finally {
        await database.close();
      }
    } finally {
      release();
    }
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`恢复失败：${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  user: userCommand,
  audit: auditCommand,
  backup: backupCommand,
  restore: restoreCommand,
  calendar: calendarCommand,
  report: reportCommand,
  doctor: doctorCommand,
  privacy: privacyCommand,
  catalog: catalogCommand,
};
