import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../server/config.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

describe.each(archiveKinds)('the admin console’s configuration API on %s', (kind) => {
  let a: TestArchive;
  let h: TestHub;
  beforeEach(async () => {
    a = await testArchive(kind, 'admin');
    h = await testHub(`admin-config-${kind}`, { config: hubConfig(allDay), archive: a.location, archiver: false });
  });
  afterEach(async () => {
    await h.cleanup();
    await a.cleanup();
  });

  const read = async (token: string) => (await h.api('GET', '/api/halls/t1/config', undefined, token)).body as { revision: number; config: any };

  it('shows admins the hall as the file holds it, without passwords, and nobody else', async () => {
    const admin = await h.login('a1');
    const r = await read(admin);
    expect(r.revision).toBe(0);
    expect(r.config.id).toBe('t1');
    expect(r.config.services.map((s: { id: string }) => s.id)).toEqual(['social', 'land', 'tax']);
    for (const s of r.config.staff) {
      expect(s).not.toHaveProperty('password');
      expect(s).not.toHaveProperty('passwordHash');
    }
    for (const who of ['m1', 'i1', 's1']) {
      const token = await h.login(who);
      expect((await h.api('GET', '/api/halls/t1/config', undefined, token)).status).toBe(403);
      expect((await h.api('POST', '/api/halls/t1/config', { revision: 0, config: r.config }, token)).status).toBe(403);
      expect((await h.api('GET', '/api/halls/t1/config/audit', undefined, token)).status).toBe(403);
      expect((await h.api('GET', '/api/config.yaml', undefined, token)).status).toBe(403);
    }
    expect((await h.api('GET', '/api/halls/t1/config')).status).toBe(401);
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/config', { revision: 0, config: r.config }, kiosk)).status).toBe(403);
  });

  it('applies an edit at once, in this hub and in another, audits it, and keeps every password', async () => {
    const other = await h.another({ archive: a.location, archiver: false });
    const admin = await h.login('a1');
    const { config } = await read(admin);
    config.services[0].name = '社保医保';
    config.services[0].standardMinutes = 12;
    config.windows[1].tiers = [['social']];
    const r = await h.api('POST', '/api/halls/t1/config', { revision: 0, config, note: '窗口2改办社保' }, admin);
    expect(r.status).toBe(200);
    expect(r.body.revision).toBe(1);
    expect(r.body.changes).toEqual([
      { path: 'services[social].name', before: '社保医保卫健', after: '社保医保' },
      { path: 'services[social].standardMinutes', before: 10, after: 12 },
      { path: 'windows[2].tiers', before: [['land'], ['social']], after: [['social']] },
    ]);
    // This hub: the public hall and the next call follow it.
    expect((await h.api('GET', '/api/halls/t1')).body.services[0].name).toBe('社保医保');
    // The other hub: through Redis, without a restart.
    await until(async () => {
      const res = await fetch(`${other.url}/api/halls/t1`);
      return ((await res.json()) as { services: { name: string }[] }).services[0]!.name === '社保医保' || null;
    }, 3000, 'the other hub to apply the edit');
    // Window 2 now calls social only: a land ticket issued first waits, the social one is called.
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, kiosk)).status).toBe(201);
    const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
    expect(issued.status).toBe(201);
    const s2 = await h.login('s2');
    expect((await h.api('POST', '/api/windows/t1-2/sign-in', { post: 'A' }, s2)).status).toBe(200);
    const called = await h.api('POST', '/api/windows/t1-2/call-next', {}, s2);
    expect(called.body.ticket?.id).toBe(issued.body.id);
    // Passwords were never sent out and are kept: everyone still logs in.
    for (const who of ['s1', 's3', 'm1']) expect(await h.login(who)).toMatch(/.+/);
    const audit = await h.api('GET', '/api/halls/t1/config/audit', undefined, admin);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ revision: 1, actorId: 'a1', note: '窗口2改办社保' });
    expect(audit.body.items[0].changes).toHaveLength(3);
  });

  it('stores a password an admin sets as its hash, and the staffer logs in with it', async () => {
    const admin = await h.login('a1');
    const { config } = await read(admin);
    config.staff.find((s: { id: string }) => s.id === 's3').password = 'new-secret-3';
    const r = await h.api('POST', '/api/halls/t1/config', { revision: 0, config }, admin);
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([{ path: 'staff[s3].password', before: '(密码已更改)' }, { path: 'staff[s3].passwordHash', after: '(密码已更改)' }]);
    expect((await h.api('POST', '/api/login', { username: 's3', password: 'pw-s3' })).status).toBe(401);
    expect((await h.api('POST', '/api/login', { username: 's3', password: 'new-secret-3' })).status).toBe(200);
    const res = await fetch(`${h.url}/api/config.yaml`, { headers: { authorization: `Bearer ${admin}` } });
    const s3 = parseConfig(parseYaml(await res.text())).halls[0]!.staff.find((s) => s.id === 's3')!;
    expect(s3.password).toBeUndefined();
    expect(s3.passwordHash).toMatch(/^scrypt/);
    expect(JSON.stringify((await h.api('GET', '/api/halls/t1/config/audit', undefined, admin)).body)).not.toContain('new-secret-3');
  });

  it('refuses an invalid configuration with the path of each bad field, changing nothing', async () => {
    const admin = await h.login('a1');
    const { config } = await read(admin);
    const bad = structuredClone(config);
    bad.services[1].prefix = 'A'; // the prefix of social
    bad.windows[0].tiers = [['nosuch']];
    bad.services[2].standardMinutes = -1;
    const r = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: bad }, admin);
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('invalid_config');
    const paths = r.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['services.1.prefix', 'services.2.standardMinutes', 'windows.0.tiers.0.0'].sort());
    // Not a configuration at all, or a hall id changed.
    expect((await h.api('POST', '/api/halls/t1/config', { revision: 0, config: 'halls: []' }, admin)).status).toBe(400);
    const renamed = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: { ...config, id: 't2' } }, admin);
    expect([renamed.status, renamed.body.error]).toEqual([422, 'hall_id_changed']);
    expect((await h.api('POST', '/api/halls/nosuch/config', { revision: 0, config }, admin)).status).toBe(404);
    // Nothing changed.
    expect((await read(admin)).revision).toBe(0);
    expect((await h.api('GET', '/api/halls/t1/config/audit', undefined, admin)).body.items).toEqual([]);
    expect((await h.api('GET', '/api/halls/t1')).body.services[1].prefix).toBe('B');
  });

  it('makes the second of two admins editing the same revision reload', async () => {
    const admin = await h.login('a1');
    const { config } = await read(admin);
    const first = structuredClone(config);
    first.notice = '第一位管理员';
    const second = structuredClone(config);
    second.notice = '第二位管理员';
    const [r1, r2] = await Promise.all([
      h.api('POST', '/api/halls/t1/config', { revision: 0, config: first }, admin),
      h.api('POST', '/api/halls/t1/config', { revision: 0, config: second }, admin),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const lost = r1.status === 409 ? r1 : r2;
    expect(lost.body).toMatchObject({ error: 'revision_moved', current: 1 });
    const kept = (await read(admin)).config.notice;
    expect(kept).toBe(r1.status === 200 ? '第一位管理员' : '第二位管理员');
  });

  it('refuses to remove what the live day uses: an open window, a service with tickets waiting, a signed-in staffer', async () => {
    const admin = await h.login('a1');
    const { config } = await read(admin);
    const s3 = await h.login('s3');
    expect((await h.api('POST', '/api/windows/t1-3/sign-in', { post: 'A' }, s3)).status).toBe(200);
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, kiosk)).status).toBe(201);

    const noWindow3 = { ...config, windows: config.windows.slice(0, 2), staff: config.staff.map((s: any) => ({ ...s, posts: s.posts.filter((p: any) => p.window !== 3) })) };
    const r1 = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: noWindow3 }, admin);
    expect([r1.status, r1.body.error]).toEqual([409, 'window_in_use']);
    const noLand = { ...config, services: config.services.filter((s: any) => s.id !== 'land'), windows: config.windows.map((w: any) => ({ ...w, tiers: w.tiers.map((t: string[]) => t.filter((x) => x !== 'land')).filter((t: string[]) => t.length) })) };
    const r2 = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: noLand }, admin);
    expect([r2.status, r2.body.error]).toEqual([409, 'service_in_use']);
    const noS3 = { ...config, staff: config.staff.filter((s: any) => s.id !== 's3') };
    const r3 = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: noS3 }, admin);
    expect([r3.status, r3.body.error]).toEqual([409, 'staff_signed_in']);
    expect((await read(admin)).revision).toBe(0);
    // A window nobody uses goes; a new one appears closed and can be signed in at.
    const swapped = { ...config, windows: [...config.windows.filter((w: any) => w.number !== 2), { number: 4, name: '综合受理四', kind: 'comprehensive', tiers: [['social']] }], staff: config.staff.map((s: any) => (s.id === 's2' ? { ...s, posts: [{ window: 4, post: 'A' }] } : { ...s, posts: s.posts.filter((p: any) => p.window !== 2) })) };
    const r4 = await h.api('POST', '/api/halls/t1/config', { revision: 0, config: swapped }, admin);
    expect(r4.status).toBe(200);
    const windows = (await h.api('GET', '/api/halls/t1/windows')).body as { id: string; state: string }[];
    expect(windows.map((w) => w.id)).toContain('t1-4');
    const s2 = await h.login('s2');
    expect((await h.api('POST', '/api/windows/t1-4/sign-in', { post: 'A' }, s2)).status).toBe(200);
  });

  it('keeps an edit across a restart and exports the running configuration as the YAML file that seeds a hub', async () => {
    const admin = await h.login('a1');
    const { config } = await read(admin);
    config.name = '测试县政务服务中心（新址）';
    expect((await h.api('POST', '/api/halls/t1/config', { revision: 0, config }, admin)).status).toBe(200);
    await h.stop();
    await h.restart();
    expect((await h.api('GET', '/api/halls/t1')).body.name).toBe('测试县政务服务中心（新址）');
    const token = await h.login('a1');
    expect((await read(token)).revision).toBe(1);
    const res = await fetch(`${h.url}/api/config.yaml`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/yaml/);
    const exported = parseConfig(parseYaml(await res.text()));
    expect(exported.halls[0]!.name).toBe('测试县政务服务中心（新址）');
    // It seeds a hub whose staff log in with their passwords.
    expect(exported.halls[0]!.staff.find((s) => s.id === 's1')?.password).toBe('pw-s1');
  });
});
