/** Error reasons of the catalog module (thrown as AppError; `code` sets the HTTP status). */
import { AppError } from '../../lib/errors.ts';

/** 409: the item changed since the client read it. */
export const staleItem = () => new AppError('CONFLICT', { message: '该目录事项已被他人修改，请刷新后重试', reason: 'CATALOG_CONFLICT' });

/** 409: an area or item name is already used in the agency's catalog. */
export const duplicateName = (what: string) => new AppError('CONFLICT', { message: `${what}已存在`, reason: 'CATALOG_DUPLICATE' });

/** 409: deleting an item that documents or AB duties point at, or an area that still has items. */
export const inUse = (message: string) => new AppError('CONFLICT', { message, reason: 'CATALOG_IN_USE' });

/** 422: an XLSX import with row errors (nothing was written); details.errors lists them by row. */
export const importRejected = (errors: string[]) =>
  new AppError('UNPROCESSABLE', {
    message: `导入失败，共 ${errors.length} 处错误，未导入任何数据：${errors.slice(0, 3).join('；')}${errors.length > 3 ? '……' : ''}`,
    reason: 'CATALOG_IMPORT_INVALID',
    details: { errors },
  });

/** 400: the uploaded file is not a readable XLSX workbook. */
export const badWorkbook = (message: string) => new AppError('VALIDATION', { message, reason: 'CATALOG_BAD_WORKBOOK' });
