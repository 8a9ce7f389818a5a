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
