/**
 * Text that every part of the hub can carry. JSON lets a string hold a lone UTF-16 surrogate
 * ("\ud800"), which JavaScript keeps but no UTF-8 encoder can write: Redis' Lua JSON decoder
 * (cjson) fails on it, so such a string reaching a script failed the request with a 500. The
 * transports refuse it at the door (400 / bad_request), before any schema or command sees it.
 */

// With the u flag a surrogate pair is one code point (an emoji), so only a lone half matches Cs.
const LONE = /\p{Cs}/u;
const wellFormed = (s: string): boolean => !LONE.test(s);

/**
 * The path of the first string (or object key) in `value` holding a lone surrogate, or null.
 * Iterative: a 16 kB body can nest thousands of arrays deep.
 */
export function loneSurrogateAt(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (!wellFormed(v)) return at || '(the value)';
    } else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        if (!wellFormed(k)) return `${at}.${k.replace(/\p{Cs}/gu, '\uFFFD')}`;
        stack.push([inner, `${at}.${k}`]);
      }
    }
  }
  return null;
}

export const LONE_SURROGATE = 'holds a lone UTF-16 surrogate (not text)';
