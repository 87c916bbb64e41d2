import { bootScreen, tokenFromUrl } from '../../../display/lib/screens/boot.js';
import { hall } from './fixtures.js';

/** A hub that knows one token per device kind. */
function hub(principals: Record<string, object>, { down = false } = {}): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (down) throw new TypeError('fetch failed');
    const url = String(input);
    if (url === '/api/me') {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      const p = principals[auth.replace('Bearer ', '')];
      return p ? Response.json(p) : Response.json({ error: 'unauthorized' }, { status: 401 });
    }
    if (url === '/api/halls/t1') return Response.json(hall, { headers: { date: 'Mon, 23 Nov 2026 01:05:00 GMT' } });
    return Response.json({ error: 'not_found' }, { status: 404 });
  }) as typeof fetch;
}

const principals = {
  hall: { kind: 'device', device: 'hall-screen', deviceId: 'd1', hallId: 't1' },
  win: { kind: 'device', device: 'window-screen', deviceId: 'd2', hallId: 't1', windowId: 't1-2' },
  kiosk: { kind: 'device', device: 'kiosk', deviceId: 'd3', hallId: 't1', kioskId: 'k' },
  manager: { kind: 'staff', staffId: 'm1', name: '周主任', role: 'manager', hallId: 't1' },
};

describe('how a screen starts from its pairing token', () => {
  it('reads the token from its address', () => {
    expect(tokenFromUrl('?token=abc&layout=led')).toBe('abc');
    expect(tokenFromUrl('?layout=led')).toBeNull();
  });

  it("opens the hall screen with a hall-screen token and the hall's public configuration", async () => {
    const boot = await bootScreen('hall-screen', 'hall', hub(principals));
    expect(boot).toMatchObject({ kind: 'ready', token: 'hall', hall: { name: '测试县政务服务中心' }, dateHeader: 'Mon, 23 Nov 2026 01:05:00 GMT' });
  });

  it('opens the window screen on the window its token is paired to', async () => {
    expect(await bootScreen('window-screen', 'win', hub(principals))).toMatchObject({ kind: 'ready', windowId: 't1-2' });
  });

  it('refuses an unknown token, a missing one, and a token of another kind of device', async () => {
    expect((await bootScreen('hall-screen', 'nope', hub(principals))).kind).toBe('refused');
    expect((await bootScreen('hall-screen', null, hub(principals))).kind).toBe('refused');
    expect((await bootScreen('hall-screen', 'kiosk', hub(principals))).kind).toBe('refused');
    expect((await bootScreen('window-screen', 'hall', hub(principals))).kind).toBe('refused');
  });

  it('lets a manager open the hall screen with a staff session', async () => {
    expect((await bootScreen('hall-screen', 'manager', hub(principals))).kind).toBe('ready');
  });

  it('throws while the hub is unreachable, so the screen retries rather than saying it is unpaired', async () => {
    await expect(bootScreen('hall-screen', 'hall', hub(principals, { down: true }))).rejects.toThrow();
  });
});
