/**
 * The yearly figures of table 二 through a file: the XLSX template (pre-filled with what is
 * entered) and the import (CSV or XLSX), which replaces the four figures all at once or, on any
 * problem, writes nothing and answers every problem with its row and cell.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../accounts/index.ts';
import { FiguresFileError, buildFiguresTemplate, parseFiguresFile } from './figures-file.ts';
import { guard, putFigures, type ReportView } from './reports.service.ts';
import * as repo from './reports.repository.ts';

/** The template of `year` for the agency, with the figures entered so far. Readers of the agency. */
export async function figuresTemplate(db: Executor, actor: Actor, agencyId: string, year: number): Promise<{ filename: string; data: Buffer }> {
  const agency = await guard(db, actor, agencyId, 'read');
  const f = await repo.findFigures(db, agencyId, year);
  const title = `${agency.name}${year}年政府信息公开工作年度报告 行政许可、行政处罚、行政强制、行政事业性收费数据`;
  const values = f ? { licensing: f.licensing, penalties: f.penalties, enforcement: f.enforcement, feesWan: Number(f.feesWan) } : undefined;
  return { filename: `${agency.name}${year}年年度报告数据.xlsx`, data: await buildFiguresTemplate(title, values) };
}

/**
 * Imports the four figures from an uploaded file (agency admin). Table 四 entered directly, if
 * any, is kept. 415 for a file that is not XLSX/CSV; 400 listing every problem otherwise.
 */
export async function importFigures(ctx: AppContext, actor: Actor, agencyId: string, year: number, filename: string, data: Buffer, ip: string | null): Promise<ReportView> {
  await guard(ctx.db, actor, agencyId, 'edit');
  let parsed: Awaited<ReturnType<typeof parseFiguresFile>>;
  try {
    parsed = await parseFiguresFile(data);
  } catch (e) {
    if (!(e instanceof FiguresFileError)) throw e;
    if (e.unsupported) throw new AppError('UNSUPPORTED_MEDIA', { message: `「${filename}」：${e.message}`, reason: 'REPORT_FIGURES_FILE_TYPE' });
    throw new AppError('VALIDATION', { message: `「${filename}」：${e.message}`, reason: 'REPORT_FIGURES_FILE', details: { errors: [e.message] } });
  }
  if (!parsed.values) {
    throw new AppError('VALIDATION', {
      message: `导入失败，未写入任何数据：${parsed.errors.slice(0, 5).join('；')}${parsed.errors.length > 5 ? ` 等 ${parsed.errors.length} 处问题` : ''}`,
      reason: 'REPORT_FIGURES_FILE',
      details: { errors: parsed.errors },
    });
  }
  const existing = await repo.findFigures(ctx.db, agencyId, year);
  return putFigures(ctx, actor, agencyId, year, { ...parsed.values, section4: existing?.section4 ?? null }, ip, filename);
}
