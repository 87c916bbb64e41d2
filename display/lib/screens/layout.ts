/**
 * Which layout a screen uses: chosen from the viewport, or forced by `?layout=` (an installer
 * whose LED controller reports an odd resolution, or a screenshot).
 */
export type HallLayout = 'landscape' | 'portrait' | 'led';
export type WindowLayout = 'led' | 'monitor';

const hallLayouts: readonly HallLayout[] = ['landscape', 'portrait', 'led'];
const windowLayouts: readonly WindowLayout[] = ['led', 'monitor'];

/** LED walls are driven at a few hundred pixels a side; anything that small gets LED glyphs. */
export function hallLayoutFor(width: number, height: number, forced?: string | null): HallLayout {
  if (forced && (hallLayouts as readonly string[]).includes(forced)) return forced as HallLayout;
  if (width <= 800 && height <= 480) return 'led';
  return height > width ? 'portrait' : 'landscape';
}

/** An LED strip above a counter is a wide band (640×160, 512×128); a monitor is anything else. */
export function windowLayoutFor(width: number, height: number, forced?: string | null): WindowLayout {
  if (forced && (windowLayouts as readonly string[]).includes(forced)) return forced as WindowLayout;
  return height <= 320 || width / height >= 3 ? 'led' : 'monitor';
}
