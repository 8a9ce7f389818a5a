/**
 * The `gongkai` command: serve, migrate, user add / reset-password, audit verify, backup, restore.
 * Exit codes: 0 success, 1 a check failed (audit verify), 2 usage or input error,
 * 3 the embedded data folder is locked by a running server.
 */
import { loadConfig, type Config } from '../lib/config.ts';
import { parseCliEnv } from './cli-env.ts';
import { commands } from './commands.ts';

const usage = `用法: gongkai <命令> [参数]

  serve                         启动服务（默认 http://127.0.0.1:3000）
  migrate                       执行数据库迁移
  user add 用户名 [选项]         新增用户（--name 姓名 --agency 单位标识 --roles drafter,reviewer --steps first,final --global sysadmin|supervisor）
                                密码不写在命令行上：--password-stdin 读标准输入第一行，终端中提示输入（不回显），--generate 生成一次性密码
  user reset-password 用户名     重置密码并打印新密码
  audit verify [--json]         校验审计日志哈希链（完整 0，被篡改 1）；服务运行中或加 --url 时经服务校验，
                                用户名取 --user 或 GONGKAI_USERNAME，密码只取环境变量 GONGKAI_PASSWORD
  calendar year 年份 [--json]    打印该年每一天是否上班（含节假日与调休）
  calendar add 日期 N [--explain] 打印日期之后第 N 个工作日（收到之日不计入）
  report check 文件... [--json]  检查年度报告（HTML/DOCX/PDF/文本）的勾稽关系（一致 0，违反 1，非年报或无法读取 2）
                                给出文件夹时另写汇总表 --out 文件.xlsx（默认 ./年报检查汇总.xlsx）
  privacy scan 文件... [--json]  检查本地文件（DOCX/XLSX/CSV/PDF/HTML/TXT）中的个人信息并列出位置（未发现 0，发现 1，无法读取 2）
  privacy sweep [--agency 单位] [--json] 回头看：重新检查已公开的全部信息（含附件），显示进度并记入回头看记录（未发现 0，发现 1）
  privacy mask 输入 输出 [--json] 写出文件的脱敏副本（TXT/CSV/HTML/DOCX/XLSX/PDF，复查无个人信息 0，仍有 1 且不写出，无法读取或不支持 2）
  backup 文件                   备份数据库与附件到文件（内置数据库运行中时请用 data/backups/ 中的每日自动备份）
  restore 文件                  校验备份后恢复到空的数据目录或空数据库
  doctor [--json]               检查不变量：没有事项仍指派给已停用的账号（通过 0，有问题 1）
  catalog backfill [--agency 单位] [--apply] 补登目录事项：列出未归入公开目录的已发布主动公开信息及按栏目默认的建议事项，加 --apply 归入（无未归入 0，仍有 1）

环境变量见 .env.example（HOST、PORT、DATABASE_URL、GONGKAI_DATA_DIR …）。`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`未知命令: ${name}\n\n${usage}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  return command(config, rest, parseCliEnv(process.env));
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; other commands exit with their code.
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof Error && err.name === 'DataDirLockedError' ? 3 : 1;
  },
);
