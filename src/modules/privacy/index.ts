/** The privacy module's public face: the detectors' entry, finding types, masking policy. */
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
export { isValidIdCard18, idCardCheckChar, upgradeIdCard15 } from './id-card.ts';
export { isValidUscc } from './uscc.ts';
export { luhnValid } from './bank-card.ts';
