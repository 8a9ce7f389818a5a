/** The audit module's public face. */
export { recordAudit, verifyAuditLog, listAuditRows, type AuditActor, type AuditEntry, type AuditQuery, type VerifyResult } from './audit.service.ts';
export { canonicalJson, hashAuditRow, verifyChain, type ChainProblem, type StoredAuditRow } from './audit-chain.ts';
