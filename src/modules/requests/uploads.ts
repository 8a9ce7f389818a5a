/**
 * Reads a multipart form with several files and plain fields into memory (the staff
 * registration with its scans, the portal's application and online 补正). The app-wide
 * multipart limits (1 file, 10 fields) are lifted per call; an oversized file is kept truncated
 * and flagged so the caller can answer 413 or re-render its form with the message.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import type { UploadedFile } from './requests.service.ts';

/** A file part of the form ('' filename and no bytes = an empty file input, dropped). */
export interface UploadedPart extends UploadedFile {
  field: string;
  /** Larger than the limit (data holds the first maxBytes only). */
  truncated: boolean;
}

/** Fields and files of a multipart request. Throws 400 when more files or fields than allowed are sent. */
export async function readUploads(request: FastifyRequest, opts: { maxFiles: number; maxBytes: number; maxFields?: number }): Promise<{ fields: Record<string, string>; files: UploadedPart[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedPart[] = [];
  try {
    // throwFileSizeLimit is honoured per call by @fastify/multipart but missing from its types.
    const options = { limits: { files: opts.maxFiles, fileSize: opts.maxBytes, fields: opts.maxFields ?? 60 }, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (!part.filename && data.length === 0) continue;
        files.push({ field: part.fieldname, filename: part.filename, data, truncated: part.file.truncated });
      } else if (typeof part.value === 'string' && part.value.length <= 100_000) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION', { message: `输入有误：最多上传 ${opts.maxFiles} 个文件`, details: { fields: { file: `最多 ${opts.maxFiles} 个文件` } } });
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('VALIDATION', { message: '输入有误：表单字段过多' });
    throw err;
  }
  return { fields, files };
}

/** 413 for the first truncated file. */
export function refuseTruncated(files: readonly UploadedPart[], maxBytes: number): void {
  const big = files.find((f) => f.truncated);
  if (big) throw new AppError('TOO_LARGE', { message: `文件「${big.filename}」超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, reason: 'ATTACHMENT_TOO_LARGE' });
}
