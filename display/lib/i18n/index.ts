/**
 * t('refusal.cap_reached'), t('units.window', { number: 3 }). The language is zh-CN unless the
 * page's URL says ?lang=en. A missing key shows itself (never a blank) so it is noticed.
 */
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
const catalogs: Record<Locale, unknown> = { 'zh-CN': zhCN, en };

let current: Locale = 'zh-CN';
if (typeof location !== 'undefined' && new URLSearchParams(location.search).get('lang') === 'en') current = 'en';

export const locale = (): Locale => current;
export function setLocale(l: Locale): void {
  current = l;
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[current];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
