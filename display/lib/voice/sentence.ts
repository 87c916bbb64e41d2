/**
 * What the hall says for a call, as a list of voice-pack segments: pure, no audio.
 *
 * The template comes from the hall configuration (`voiceTemplate`, default
 * `请{number}号到{window}号窗口办理`). A ticket number is read one character at a time
 * (A012 → A 零 一 二, as halls read them so no digit is misheard); a window number up to 99 is read
 * as a number (12 → 十二, 20 → 二十), larger ones digit by digit like a room number (105 → 一零五).
 */

/** Literal template text the pack can say, longest first so 窗口 wins over a shorter match. */
const words: ReadonlyArray<readonly [text: string, key: string]> = [
  ['窗口', 'chuangkou'],
  ['办理', 'banli'],
  ['请', 'qing'],
  ['号', 'hao'],
  ['到', 'dao'],
];

const digitKeys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const letterKeys = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/** Every segment the voice pack must have; a clip file is `<key>.wav`. */
export const segmentKeys: readonly string[] = [
  'chime',
  ...['qing', 'hao', 'dao', 'chuangkou', 'banli'],
  ...digitKeys,
  '10',
  ...letterKeys,
];

/** The placeholders a template may use; the Chinese names match a major vendor's templates. */
const placeholders: Readonly<Record<string, 'number' | 'window'>> = {
  number: 'number',
  window: 'window',
  号码: 'number',
  窗口: 'window',
};

export const defaultVoiceTemplate = '请{number}号到{window}号窗口办理';

export interface CallToAnnounce {
  /** The ticket number as printed, e.g. "A012". */
  number: string;
  /** The window number, e.g. 3 or "3". */
  window: string | number;
}

/** A template or call that the voice pack cannot say; thrown at configuration time for templates. */
export class VoiceTemplateError extends Error {
  override name = 'VoiceTemplateError';
}

type Part = { kind: 'segment'; key: string } | { kind: 'slot'; slot: 'number' | 'window' };

/** A template checked once: every literal mapped to a segment, every placeholder known. */
export interface CompiledTemplate {
  readonly template: string;
  readonly parts: readonly Part[];
}

// Spaces and punctuation carry no sound of their own; a template may use them for readability.
const silent = /[\s,.!?;:，。！？；：、·]/u;

/** Checks a template and prepares it; throws VoiceTemplateError naming the first problem. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: Part[] = [];
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new VoiceTemplateError(`voice template "${template}": "{" at ${i} is never closed`);
      const name = template.slice(i + 1, end).trim();
      const slot = placeholders[name];
      if (!slot)
        throw new VoiceTemplateError(
          `voice template "${template}": unknown placeholder {${name}}; use {number} or {window}`,
        );
      parts.push({ kind: 'slot', slot });
      i = end + 1;
      continue;
    }
    if (silent.test(ch)) {
      i += 1;
      continue;
    }
    const word = words.find(([text]) => template.startsWith(text, i));
    if (!word)
      throw new VoiceTemplateError(
        `voice template "${template}": the voice pack cannot say "${ch}" (at ${i}); ` +
          `it can say ${words.map(([text]) => text).join(' ')} and the placeholders {number} {window}`,
      );
    parts.push({ kind: 'segment', key: word[1] });
    i += word[0].length;
  }
  if (!parts.some((p) => p.kind === 'slot' && p.slot === 'number'))
    throw new VoiceTemplateError(`voice template "${template}": it never says the ticket {number}`);
  return { template, parts };
}

const cache = new Map<string, CompiledTemplate>();

function compiled(template: string | CompiledTemplate): CompiledTemplate {
  if (typeof template !== 'string') return template;
  let c = cache.get(template);
  if (!c) {
    c = compileTemplate(template);
    cache.set(template, c);
  }
  return c;
}

/** The segments to play for one call, chime first. */
export function callSegments(template: string | CompiledTemplate, call: CallToAnnounce): string[] {
  const segments = ['chime'];
  for (const part of compiled(template).parts) {
    if (part.kind === 'segment') segments.push(part.key);
    else if (part.slot === 'number') segments.push(...spellOut(call.number, 'ticket number'));
    else segments.push(...windowSegments(call.window));
  }
  return segments;
}

/** The sentence as text, e.g. "请A012号到3号窗口办理": what screens log and tests read. */
export function callText(template: string | CompiledTemplate, call: CallToAnnounce): string {
  const c = compiled(template);
  return c.template.replace(/\{([^}]*)\}/gu, (_, name: string) =>
    placeholders[name.trim()] === 'number' ? call.number : String(call.window),
  );
}

/** Reads letters and digits one at a time: "A012" → A 0 1 2. */
function spellOut(text: string, what: string): string[] {
  const chars = [...text.trim().toUpperCase()];
  if (chars.length === 0 || chars.some((c) => !/^[A-Z0-9]$/.test(c)))
    throw new VoiceTemplateError(`cannot read ${what} "${text}": only letters A–Z and digits can be said`);
  return chars;
}

function windowSegments(window: string | number): string[] {
  const text = String(window).trim();
  if (!/^\d+$/.test(text)) return spellOut(text, 'window');
  const n = Number(text);
  if (n < 1 || n > 99) return spellOut(text, 'window');
  if (n < 10) return [String(n)];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  // 十二 not 一十二: Mandarin drops the leading 一 before 十 in numbers 10–19.
  return [...(tens > 1 ? [String(tens)] : []), '10', ...(units > 0 ? [String(units)] : [])];
}
