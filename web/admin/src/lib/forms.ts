/** Server field errors onto antd forms. */
import type { FormInstance } from 'antd';
import type { ApiError } from './api.ts';

/** Puts `details.fields` of a 400/409/422 answer next to the matching form fields. */
export function applyFieldErrors(form: FormInstance, e: ApiError, rename: Record<string, string> = {}): void {
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = Object.entries(e.fields)
    .map(([key, msg]) => {
      const path = (rename[key] ?? key).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return { name: path, errors: [msg] };
    })
    .filter((f) => known.has(String(f.name[0])));
  if (fields.length) form.setFields(fields);
}
