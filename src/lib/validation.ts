/** zod parsing that fails with a person-readable AppError listing every field at fault. */
import { z } from 'zod';
import { AppError } from './errors.ts';

/** Parses `data` or throws a VALIDATION AppError whose details map field paths to Chinese messages. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : '输入有误';
  throw new AppError('VALIDATION', { message: `输入有误：${message}`, details: { fields } });
}

/** A UUID route parameter. */
export const uuidParam = z.string().uuid('编号格式不正确');

/** Zod's default English messages replaced by Chinese ones for the common cases. */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? '必填' : '类型不正确';
      case 'too_small':
        return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
      case 'too_big':
        return issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
      case 'invalid_format':
        return '格式不正确';
      case 'invalid_value':
        return '取值不在允许范围内';
      case 'unrecognized_keys':
        return `不允许的字段: ${issue.keys.join(', ')}`;
      default:
        return undefined;
    }
  },
});
