/** Error codes of backup and restore (the CLI turns each into exit code 2). */
import { AppError } from '../../lib/errors.ts';

/** The file is not a complete, intact backup: truncated, corrupt, wrong checksum. Nothing was written. */
export function backupCorrupt(message: string): AppError {
  return new AppError('VALIDATION', { message, reason: 'BACKUP_CORRUPT' });
}

/** The target database already holds data: restore only fills an empty installation. */
export function restoreTargetNotEmpty(tables: string[]): AppError {
  return new AppError('CONFLICT', {
    message: `目标数据库不是空的（表 ${tables.join('、')} 中已有数据），拒绝恢复以免覆盖现有数据。请使用新的空数据目录（GONGKAI_DATA_DIR）或新建的空数据库（DATABASE_URL）再恢复。`,
    reason: 'RESTORE_TARGET_NOT_EMPTY',
    details: { tables },
  });
}

/** The backup's schema does not fit this build (taken by a newer version, or an unknown table). */
export function backupIncompatible(message: string): AppError {
  return new AppError('UNPROCESSABLE', { message, reason: 'BACKUP_INCOMPATIBLE' });
}
