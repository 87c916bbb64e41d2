/**
 * How the admin console shows a configuration value in a form field and reads it back: a window's
 * tiers as "social | civil, agri", a staffer's posts as "1A, 2B", hours as "09:00-11:00", a list
 * of words or numbers comma-separated. Reading back never validates: the hub does, with the
 * configuration file's own schema, and answers each bad field by its path.
 */

export type Cell = 'text' | 'number' | 'select' | 'tiers' | 'posts' | 'spans' | 'password' | 'list';

const split = (s: string, by: RegExp): string[] => s.split(by).map((x) => x.trim()).filter(Boolean);

export function format(kind: Cell, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'tiers':
      return (value as string[][]).map((tier) => tier.join(', ')).join(' | ');
    case 'posts':
      return (value as { window: number; post: string }[]).map((p) => `${p.window}${p.post}`).join(', ');
    case 'spans':
      return (value as [string, string][]).map(([a, b]) => `${a}-${b}`).join(', ');
    case 'list':
      return (value as unknown[]).join(', ');
    case 'password':
      return '';
    default:
      return String(value);
  }
}

/** The value for the configuration; undefined leaves the field out (an optional one emptied). */
export function parse(kind: Cell, text: string, numbers = false): unknown {
  const s = text.trim();
  switch (kind) {
    case 'tiers':
      return split(s, /\|/).map((tier) => split(tier, /[,，\s]+/));
    case 'posts':
      return split(s, /[,，\s]+/).map((p) => {
        const m = /^(\d+)\s*([ABab])$/.exec(p);
        return m ? { window: Number(m[1]), post: m[2]!.toUpperCase() } : { window: Number.NaN, post: p };
      });
    case 'spans':
      return s === '' ? undefined : split(s, /[,，]+/).map((span) => split(span, /[-–~]/) as [string, string]);
    case 'list': {
      const items = split(s, /[,，\s]+/);
      return numbers ? items.map(Number) : items;
    }
    case 'number':
      return s === '' ? undefined : Number(s);
    case 'password':
      return s === '' ? undefined : text;
    default:
      return s === '' ? undefined : s;
  }
}
