/** The backup module's public face: logical backups that restore on either engine. */
export {
  backupsDir,
  keptBackups,
  restoreBackup,
  runScheduledBackup,
  verifyBackupFile,
  writeBackup,
  type BackupSummary,
  type BackupTarget,
  type RestoreSummary,
  type SkippedFile,
  type VerifiedBackup,
} from './backup.service.ts';
export { backupJob } from './backup.job.ts';
export { backupFormat, backupVersion, scheduledBackupName, type BackupHeader } from './format.ts';
