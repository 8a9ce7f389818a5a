/**
 * Error reasons of the publishing module. Each is thrown as an AppError whose `code` sets the
 * HTTP status and whose `reason` tells clients precisely what went wrong.
 */
import { AppError } from '../../lib/errors.ts';

/** 409: the document changed since the client read it (lockVersion differs or the guarded UPDATE hit 0 rows). */
export const staleDocument = () =>
  new AppError('CONFLICT', { message: '该稿件已被他人处理，请刷新后重试', reason: 'DOCUMENT_CONFLICT' });

/** 409: the action does not apply to the document's current state (e.g. approving a draft). */
export const invalidState = (message: string) => new AppError('CONFLICT', { message, reason: 'INVALID_STATE' });

/** 422: a reviewer tried to approve or return a draft they created. */
export const selfApproval = () =>
  new AppError('UNPROCESSABLE', { message: '不能审核本人起草的稿件（三审三校须由他人把关）', reason: 'REVIEW_SELF_APPROVAL' });

/** 422: the reviewer did not tick every point of the step's proofreading checklist. */
export const checklistIncomplete = (missing: string[]) =>
  new AppError('UNPROCESSABLE', {
    message: `请逐项核对后勾选：${missing.join('、')}`,
    reason: 'CHECKLIST_INCOMPLETE',
    details: { missing },
  });

/** 422: publication of an item whose 公开属性 is not 主动公开. */
export const notProactive = (label: string) =>
  new AppError('UNPROCESSABLE', {
    message: `该信息的公开属性为「${label}」，不能发布到门户网站（仅记入政府信息公开目录）`,
    reason: 'NOT_PROACTIVE',
  });

/** 422: a correction submitted without 更正说明. */
export const changeNoteRequired = () =>
  new AppError('UNPROCESSABLE', {
    message: '更正已发布的信息须填写更正说明',
    reason: 'CHANGE_NOTE_REQUIRED',
    details: { fields: { changeNote: '必填' } },
  });

/** 400: a cross-field rule of the document's metadata is broken (fields named in details, like a zod failure). */
export const invalidFields = (fields: Record<string, string>) => {
  const first = Object.values(fields)[0] ?? '输入有误';
  return new AppError('VALIDATION', { message: `输入有误：${first}`, details: { fields } });
};

/** 415: the upload is not an allowed type, or its extension disagrees with its content. */
export const unsupportedAttachment = (message: string) =>
  new AppError('UNSUPPORTED_MEDIA', { message, reason: 'ATTACHMENT_TYPE' });

/** 413: the upload is larger than GONGKAI_MAX_UPLOAD_MB. */
export const attachmentTooLarge = (maxMb: number) =>
  new AppError('TOO_LARGE', { message: `附件超过 ${maxMb} MB`, reason: 'ATTACHMENT_TOO_LARGE' });

/** 422: the upload has the right type but cannot be read (truncated, damaged, encrypted). */
export const corruptAttachment = (message: string) =>
  new AppError('UNPROCESSABLE', { message, reason: 'ATTACHMENT_CORRUPT' });

/**
 * 422: a 主动公开 item without a 目录事项. Every published item belongs to an item of the
 * agency's 政务公开事项标准目录 (国办发〔2019〕54号; docs/modules/catalog.md §Enforcement).
 */
export const catalogItemRequired = () =>
  new AppError('UNPROCESSABLE', {
    message: '主动公开的信息须选择所属的目录事项（公开目录中的领域和事项）后才能送审或发布',
    reason: 'CATALOG_ITEM_REQUIRED',
    details: { fields: { catalogItemId: '请选择目录事项' } },
  });
