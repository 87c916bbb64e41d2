/** Clock texts in the hall's own time zone (a screen's device clock zone may differ). */
import { locale } from '../i18n/index.js';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale()}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), { timeZone, ...options });
    formats.set(key, f);
  }
  return f;
}

/** 14:05 */
export const clockText = (at: number, timeZone: string): string =>
  format(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** 14:05:09 */
export const clockSecondsText = (at: number, timeZone: string): string =>
  format(timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);

/** 2026年11月23日 星期一 */
export const dateText = (at: number, timeZone: string): string =>
  format(timeZone, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(at);
