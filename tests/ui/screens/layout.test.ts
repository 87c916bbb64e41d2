import { hallLayoutFor, windowLayoutFor } from '../../../display/lib/screens/layout.js';

describe('the layout a screen picks from its viewport', () => {
  it.each([
    [1920, 1080, 'landscape'],
    [3840, 2160, 'landscape'],
    [1366, 768, 'landscape'],
    [1080, 1920, 'portrait'],
    [2160, 3840, 'portrait'],
    [512, 256, 'led'],
    [384, 192, 'led'],
    [768, 384, 'led'],
  ] as const)('hall screen %i×%i → %s', (w, h, layout) => {
    expect(hallLayoutFor(w, h)).toBe(layout);
  });

  it.each([
    [640, 160, 'led'],
    [512, 128, 'led'],
    [1280, 320, 'led'],
    [1024, 600, 'monitor'],
    [1280, 800, 'monitor'],
    [1920, 1080, 'monitor'],
  ] as const)('window screen %i×%i → %s', (w, h, layout) => {
    expect(windowLayoutFor(w, h)).toBe(layout);
  });

  it('lets ?layout= force a layout, and ignores a value it does not know', () => {
    expect(hallLayoutFor(1920, 1080, 'led')).toBe('led');
    expect(hallLayoutFor(1920, 1080, 'portrait')).toBe('portrait');
    expect(hallLayoutFor(1920, 1080, 'sideways')).toBe('landscape');
    expect(windowLayoutFor(640, 160, 'monitor')).toBe('monitor');
  });
});
