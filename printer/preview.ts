/**
 * Ticket SVG to PNG with resvg (Rust, shipped as a prebuilt binary inside its npm package, so it
 * installs offline and needs no Cairo or browser).
 *
 * receiptline's SVG asks for `monospace` text with lang zh-Hans. resvg uses only the fonts it is
 * given, so the CJK font is named here: Debian's fonts-noto-cjk puts Noto Sans CJK at the first
 * path below. Where it is elsewhere, resvg's own scan of the system font folders finds it by name.
 */
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];

export interface PngOptions {
  /** 1 draws one pixel per printer dot (203 dpi). */
  scale?: number;
  fontFiles?: string[];
}

/** Renders off the event loop (resvg's thread pool): a ticket takes a few hundred milliseconds. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const fontFiles = (options.fontFiles ?? CJK_FONT_FILES).filter((f) => existsSync(f));
  const render: ResvgRenderOptions = {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: options.scale ?? 1 },
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: 'Noto Sans CJK SC',
      monospaceFamily: 'Noto Sans Mono CJK SC',
    },
  };
  const image = await renderAsync(svg, render);
  return image.asPng();
}
