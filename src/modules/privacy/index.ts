/** The privacy module's public face: detectors, extractors, masking, the gate's rules, policy and stores. */
export { scanText, type ScanOptions } from './scan.ts';
export {
  type Finding,
  type FindingType,
  type FindingLocation,
  type Confidence,
  findingTypes,
  findingTypeLabels,
  reportTypeNames,
  confidenceRank,
} from './types.ts';
export { maskText, maskValue, createMaskPolicy, defaultMaskPolicy, type MaskPolicy, type MaskRule } from './masking.ts';
export { normalizeForScan, toOriginalSpan, type NormalizedText } from './normalize.ts';
export { parseCsv } from './extract/text.ts';
export { isValidIdCard18, idCardCheckChar, upgradeIdCard15 } from './id-card.ts';
export { isValidUscc } from './uscc.ts';
export { luhnValid } from './bank-card.ts';
export type { ManualReviewItem } from './extract/segments.ts';
export { compoundFileKind, xlsText, XlsUnreadableError } from './extract/xls.ts';
export {
  scanFile,
  scanHtml,
  maskFile,
  maskHtml,
  detectFileKind,
  isBlocking,
  xlsNotMaskableMessage,
  UnreadableFileError,
  MaskRefusedError,
  type FileKind,
  type FileScan,
  type FileScanOptions,
} from './file-scan.ts';
export { redactPdf, PdfRedactionError, type PdfRedaction, type RedactedBox } from './redact-pdf.ts';
export { toStoredFindings, countFindings, unresolvedFindings, gateMessage, countsByType, type FindingSource, type PrivacyCounts, type StoredFinding } from './gate.ts';
export { getMaskPolicy, setMaskPolicy } from './privacy.service.ts';
export { registerPrivacyRoutes } from './privacy.routes.ts';
export * as privacyStore from './privacy.repository.ts';
