/**
 * Pairing for the demo hall: one token per screen, kiosk and pad, derived from a secret kept in
 * Redis, so the addresses printed at start stay the same across restarts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Hub } from './hub.js';
import type { DeviceKind } from './auth/principals.js';
import { demoSecretKey } from './store/keys.js';

export interface DeviceLink {
  label: string;
  url: string;
}

export async function pairDemoDevices(hub: Hub, publicUrl: string, keyPrefix: string): Promise<DeviceLink[]> {
  const redis = hub.ctx.store.redis;
  const secretKey = demoSecretKey(keyPrefix);
  await redis.set(secretKey, randomBytes(24).toString('base64url'), 'NX');
  const secret = (await redis.get(secretKey))!;
  const links: DeviceLink[] = [];
  const pair = async (device: DeviceKind, hallId: string, windowId?: string) => {
    const token = createHmac('sha256', secret).update(`${device}:${hallId}:${windowId ?? ''}`).digest('base64url').slice(0, 32);
    await hub.tokens.createDevice({ device, hallId, ...(windowId ? { windowId } : {}), ...(device === 'kiosk' ? { kioskId: `${hallId}-kiosk-1` } : {}) }, token);
    return token;
  };
  for (const hall of hub.ctx.halls.all()) {
    const name = hall.config.name;
    links.push({ label: `综合屏 hall screen · ${name}`, url: `${publicUrl}/display/hall.html?token=${await pair('hall-screen', hall.id)}` });
    links.push({ label: `取号机 kiosk · ${name}`, url: `${publicUrl}/display/kiosk.html?token=${await pair('kiosk', hall.id)}` });
    for (const windowId of hall.windowIds()) {
      const n = hall.windows.get(windowId)!.number;
      links.push({ label: `窗口屏 window screen · ${name} ${n}号窗口`, url: `${publicUrl}/display/window.html?token=${await pair('window-screen', hall.id, windowId)}` });
      links.push({ label: `评价器 rating pad · ${name} ${n}号窗口`, url: `${publicUrl}/counter/pad.html?token=${await pair('pad', hall.id, windowId)}` });
    }
  }
  links.push({ label: '柜员终端 counter terminal (log in as 1001 / demo1234)', url: `${publicUrl}/counter/terminal.html` });
  links.push({ label: '管理台 manager’s desk (log in as m001 / demo1234; the 4K wall: #/wall)', url: `${publicUrl}/desk/desk.html` });
  links.push({ label: '首页 front page: every way in', url: `${publicUrl}/` });
  links.push({ label: 'API (OpenAPI document)', url: `${publicUrl}/api/openapi.json` });
  return links;
}
