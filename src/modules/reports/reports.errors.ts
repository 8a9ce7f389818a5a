/**
 * Errors of the reports module. Reading a report made elsewhere fails in one of these ways;
 * each carries a Chinese message for a person (the CLI prints it and exits 2; an upload
 * route answers 422/415 through the one error handler).
 */
import { AppError } from '../../lib/errors.ts';

/** Why a file could not be checked. */
export type ReportReadErrorKind =
  /** The file is not a 政府信息公开工作年度报告 (no title, no table of requests). */
  | 'NOT_A_REPORT'
  /** An annual report in the 2019 trial format (国办公开办函〔2019〕60号), not the current one. */
  | 'OLD_FORMAT'
  /** A report, but its tables could not be read (scanned PDF, damaged file, missing rows). */
  | 'UNREADABLE'
  /** A file type the checker does not read (only .html .htm .docx .pdf .txt). */
  | 'UNSUPPORTED_FILE';

/** A report file that cannot be checked; `kind` says why. */
export class ReportReadError extends AppError {
  readonly kind: ReportReadErrorKind;

  constructor(kind: ReportReadErrorKind, message: string, details?: Record<string, unknown>) {
    super(kind === 'UNSUPPORTED_FILE' ? 'UNSUPPORTED_MEDIA' : 'UNPROCESSABLE', {
      message,
      reason: `REPORT_${kind}`,
      ...(details ? { details } : {}),
    });
    this.name = 'ReportReadError';
    this.kind = kind;
  }
}

/** Publication refused: a hard rule (G1–G5) fails; `details.cells` names the cells at fault, `details.rules` the rules. */
export function reportInconsistent(failures: Array<{ rule: string; message: string; cells: string[] }>): AppError {
  const cells = [...new Set(failures.flatMap((f) => f.cells))];
  return new AppError('UNPROCESSABLE', {
    message: `年度报告未通过勾稽检查（${failures.map((f) => f.rule).join('、')}），不能发布：${cells.slice(0, 8).join('、')}${cells.length > 8 ? ' 等' : ''}`,
    reason: 'REPORT_INCONSISTENT',
    details: { cells, rules: failures },
  });
}

/** Publication refused: the narrative still has 【请填写…】 placeholders of the first draft. */
export function narrativeIncomplete(sections: string[]): AppError {
  return new AppError('UNPROCESSABLE', {
    message: `请先补全年度报告的文字部分（${sections.join('、')}中仍有“【请填写…】”）`,
    reason: 'REPORT_NARRATIVE_INCOMPLETE',
    details: { sections },
  });
}

/** The report of this agency and year was published concurrently. */
export function alreadyPublished(): AppError {
  return new AppError('CONFLICT', { message: '该年度报告已发布', reason: 'REPORT_ALREADY_PUBLISHED' });
}

/** Re-publishing a published report is a correction and needs its 更正说明. */
export function correctionNoteRequired(): AppError {
  return new AppError('CONFLICT', { message: '该年度报告已发布；如需更正，请填写更正说明后重新发布', reason: 'REPORT_ALREADY_PUBLISHED' });
}

/** The year is not over yet: its report cannot be published. */
export function yearNotOver(year: number): AppError {
  return new AppError('UNPROCESSABLE', { message: `${year}年尚未结束，不能发布该年度报告`, reason: 'REPORT_YEAR_NOT_OVER' });
}

/** The narrative changed since it was read (lockVersion). */
export function staleDraft(): AppError {
  return new AppError('CONFLICT', { message: '年度报告文字已被他人修改，请刷新后重试', reason: 'REPORT_DRAFT_CONFLICT' });
}
