/**
 * `gongkai doctor [--json]`: checks invariants that no constraint enforces. Today: nothing stays
 * assigned to a disabled account (open drafts, review steps, AB duties, unfinished requests as
 * handler or backup handler). Exit 0 clean, 1 when
 * problems are listed, 3 when the embedded data folder is locked by a running server.
 */
import type { Command } from './commands.ts';
import { openRuntime } from '../runtime.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { checkAssignments } from '../modules/staffing/index.ts';

export const doctorCommand: Command = async (config, args) => {
  const json = args.includes('--json');
  if (args.some((a) => a !== '--json')) {
    process.stderr.write('用法: gongkai doctor [--json]\n');
    return 2;
  }
  let runtime;
  try {
    runtime = await openRuntime(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      process.stderr.write('数据目录正被运行中的服务使用，请先停止服务再运行 gongkai doctor\n');
      return 3;
    }
    throw e;
  }
  try {
    const { problems, notes } = await checkAssignments(runtime.ctx.db);
    if (json) process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems, notes })}\n`);
    else {
      if (problems.length === 0) process.stdout.write('检查通过：没有事项仍指派给已停用的账号\n');
      else {
        process.stdout.write(`发现 ${problems.length} 处问题（事项仍指派给已停用的账号，请办理交接）：\n`);
        for (const p of problems) process.stdout.write(`  - ${p.message}\n`);
      }
      if (notes.length) {
        process.stdout.write(`提示（不影响检查结果）：\n`);
        for (const n of notes) process.stdout.write(`  - ${n}\n`);
      }
    }
    return problems.length === 0 ? 0 : 1;
  } finally {
    await runtime.close();
  }
};
