/**
 * The environment, parsed once. Nothing else in the code base reads `process.env`.
 * Every variable is documented in .env.example.
 */
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  /** Interface the HTTP server listens on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server (≥ 15). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Folder for the embedded database, attachments, backups and the generated admin password. */
  GONGKAI_DATA_DIR: z.string().min(1).default('./data'),
  /** Password of the first `admin` account; generated and stored in the data folder when unset. */
  GONGKAI_ADMIN_PASSWORD: z.string().min(10, 'GONGKAI_ADMIN_PASSWORD 至少 10 个字符').optional(),
  /** Minutes of inactivity after which a session expires. */
  GONGKAI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies behind HTTPS). */
  GONGKAI_TRUST_PROXY: boolish.default(false),
  /** Force Secure cookies even without a proxy header saying https. */
  GONGKAI_SECURE_COOKIES: boolish.default(false),
  /** Largest accepted attachment, in megabytes. */
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(500).default(50),
  /** Run scheduled jobs in this process (embedded mode always does). */
  GONGKAI_JOBS: boolish.default(true),
  /** Create the demo agency and its sample items on first start. */
  GONGKAI_DEMO: boolish.default(true),
  /** Benchmarks only (bench/portal.bench.ts): a file served at /bench-static.html through @fastify/static. */
  GONGKAI_BENCH_STATIC_FILE: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Deadline (MM-DD of the following year) for publishing an agency's annual report; the county
   * view marks reports published after it, or not yet published when it has passed, as late.
   * 条例第49条 names 1月31日 for county departments; townships' deadline is set locally (DOMAIN.md §1.7).
   */
  GONGKAI_REPORT_DEADLINE: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'GONGKAI_REPORT_DEADLINE 应为 MM-DD，例如 01-31')
    .default('01-31'),
  /**
   * SMTP server for e-mailed reminders, e.g. smtp://user:pass@mail.example.gov.cn:587 (smtps:// for
   * TLS from the first byte). Unset: no e-mail, reminders stay in the admin console (notifications module).
   */
  GONGKAI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'GONGKAI_SMTP_URL 必须以 smtp:// 或 smtps:// 开头')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Sender of those e-mails, e.g. "巫山县曲尺乡政务公开 <gongkai@example.gov.cn>". */
  GONGKAI_MAIL_FROM: z.string().min(3).default('Gongkai <gongkai@localhost>'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema> & {
  /** Absolute data folder. */
  dataDir: string;
  /** true when DATABASE_URL is unset and PGlite runs in-process. */
  embedded: boolean;
};

/** Parses an environment; throws with every problem listed (Chinese, one per line). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量有误:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return { ...c, dataDir: path.resolve(c.GONGKAI_DATA_DIR), embedded: !c.DATABASE_URL };
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
