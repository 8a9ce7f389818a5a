/**
 * `gongkai privacy mask IN OUT [--json]`: writes the masked copy of a local file under the
 * default site-wide mask policy, without a server or database — TXT / CSV / HTML (text masking),
 * DOCX and XLSX (in place, same structure), PDF (pages with findings redacted as images with a
 * masked text layer). The copy is scanned again before it is written (fail closed).
 *
 * Exit: 0 written, clean; 1 personal information would remain (a masked copy still holding a
 * finding, a PDF that cannot be redacted safely, a page without text that nobody checked):
 * nothing written; 2 unreadable input, a type that cannot be masked (images, XLS), or usage.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultMaskPolicy, detectFileKind, findingTypeLabels, isBlocking, maskFile, MaskRefusedError, reportTypeNames, scanFile, UnreadableFileError } from '../modules/privacy/index.ts';

export const maskUsage = `用法: gongkai privacy mask 输入文件 输出文件 [--json]
  按默认脱敏规则写出文件的脱敏副本（TXT、CSV、HTML、DOCX、XLSX、PDF），写出前重新检查。
  PDF 中含个人信息的页面转为遮盖后的图片（附脱敏后的文字层），其余页面原样保留。
  退出码: 0 已写出且复查无个人信息；1 脱敏后仍有个人信息或无法安全脱敏（不写出）；2 文件无法读取、类型不支持或参数错误。
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

interface MaskReport {
  input: string;
  output: string;
  kind: string | null;
  written: boolean;
  masked: number;
  redactedPages?: number[];
  manualReview?: Array<{ location: object; reason: string }>;
  remaining?: Array<{ type: string; masked: string; confidence: string; location: object }>;
  error?: string;
}

/** The mask subcommand, with its output streams injectable (tests). Returns the exit code. */
export async function privacyMask(args: string[], io: Io, now = new Date()): Promise<number> {
  let values: { json?: boolean | undefined };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${maskUsage}`);
    return 2;
  }
  if (files.length !== 2) {
    io.err(maskUsage);
    return 2;
  }
  const [input, output] = files as [string, string];
  const report: MaskReport = { input, output, kind: null, written: false, masked: 0 };
  const finish = (code: number, message: string): number => {
    if (code !== 0) report.error = message;
    if (values.json) io.out(`${JSON.stringify(report)}\n`);
    else (code === 0 ? io.out : io.err)(`${message}\n`);
    return code;
  };
  if (path.resolve(input) === path.resolve(output)) return finish(2, '输出文件不能与输入文件相同（原件须保留）');
  let data: Buffer;
  try {
    data = await readFile(input);
  } catch (e) {
    return finish(2, (e as NodeJS.ErrnoException).code === 'ENOENT' ? `文件「${input}」不存在` : `文件「${input}」无法读取`);
  }
  report.kind = await detectFileKind(input, data);
  const name = path.basename(input);
  let result;
  try {
    result = await maskFile(name, data, { now, policy: defaultMaskPolicy });
  } catch (e) {
    if (e instanceof MaskRefusedError) return finish(e.reason === 'FINDINGS_REMAIN' || e.reason === 'PDF_NOT_MASKABLE' ? 1 : 2, e.message);
    if (e instanceof UnreadableFileError) return finish(2, e.message);
    throw e;
  }
  report.masked = result.masked;
  if (result.redacted) report.redactedPages = result.redacted.pages;
  // The copy as it will be written, checked once more here: nothing blocking, no unchecked page.
  const again = await scanFile(name, result.output, { now, policy: defaultMaskPolicy });
  const remaining = again.findings.filter((f) => isBlocking(f));
  if (remaining.length || again.manualReview.length) {
    report.remaining = remaining.map((f) => ({ type: reportTypeNames[f.type], masked: f.masked, confidence: f.confidence, location: f.location ?? {} }));
    report.manualReview = again.manualReview;
    const what = [remaining.length ? `${remaining.length} 处个人信息（${[...new Set(remaining.map((f) => findingTypeLabels[f.type]))].join('、')}）` : '', again.manualReview.length ? `${again.manualReview.length} 处须人工核对（无文字层的页面或图片）` : '']
      .filter(Boolean)
      .join('，');
    return finish(1, `「${input}」脱敏后仍有${what}，未写出`);
  }
  // Written whole or not at all: a temporary file beside the target, then a rename.
  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, result.output, { flag: 'wx' });
    await rename(tmp, output);
  } catch {
    await rm(tmp, { force: true });
    return finish(2, `无法写入「${output}」`);
  }
  report.written = true;
  const pages = result.redacted ? `，第 ${result.redacted.pages.join('、')} 页已转为遮盖后的图片` : '';
  return finish(0, result.masked ? `已写出「${output}」：脱敏 ${result.masked} 处${pages}，复查未发现个人信息` : `「${input}」未发现需要脱敏的个人信息，已原样写出「${output}」`);
}
