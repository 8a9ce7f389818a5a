/** Date display and conversion (dayjs, zh-cn). */
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

/** `2025-03-01 14:05` for a timestamp, '' for none. */
export function formatTime(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '';
}

/** `2025-03-01` for a date or timestamp, '' for none. */
export function formatDate(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD') : '';
}

/** A `YYYY-MM-DD` string into a picker value. */
export function toDayjs(v: string | null | undefined): Dayjs | null {
  return v ? dayjs(v) : null;
}

/** A picker value into `YYYY-MM-DD` (or null). */
export function fromDayjs(v: Dayjs | null | undefined): string | null {
  return v ? v.format('YYYY-MM-DD') : null;
}

export { dayjs };
export type { Dayjs };
