import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'yc-config-'));
  dirs.push(dir);
  const path = join(dir, 'hall.yaml');
  writeFileSync(path, text);
  return path;
}

const hall = (extra = '') => `
halls:
  - id: h1
    name: 测试中心
    level: town
    services:
      - { id: social, name: 社保, prefix: A, standardMinutes: 10 }
    windows:
      - { number: 1, name: 综合, tiers: [[social]] }
${extra}`;

function issuesOf(text: string): { path: string; message: string }[] {
  try {
    loadConfig(file(text));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('the file was accepted');
}

describe('hall configuration file', () => {
  it('ships a demo hall that validates', () => {
    const config = loadConfig('config/demo-hall.yaml');
    const demo = config.halls[0]!;
    expect(demo.services.map((s) => s.name)).toEqual(expect.arrayContaining(['社保医保卫健', '国土城建交通', '民政残联退役', '农林司法文体旅', '不动产登记', '商事登记', '税务', '公积金']));
    expect(demo.staff.some((s) => s.posts.some((p) => p.post === 'B'))).toBe(true);
  });

  it('fills defaults: Shanghai time, weekday hours, rules', () => {
    const config = loadConfig(file(hall()));
    expect(config.halls[0]).toMatchObject({ timeZone: 'Asia/Shanghai', schedule: { open: '08:30', weekdays: [1, 2, 3, 4, 5] }, rules: { ageingMinutes: 30 } });
  });

  it('names the path of a bad field', () => {
    const bad = hall().replace('prefix: A', 'prefix: a1');
    expect(issuesOf(bad)).toEqual([{ path: 'halls.0.services.0.prefix', message: 'one capital letter' }]);
  });

  it('refuses a window routed to an unknown service', () => {
    expect(issuesOf(hall().replace('tiers: [[social]]', 'tiers: [[social, tax]]'))).toEqual([
      { path: 'halls.0.windows.0.tiers.0.1', message: 'unknown service "tax"' },
    ]);
  });

  it('refuses staff posted to an unknown window, or two holders of one post', () => {
    const staff = `    staff:
      - { id: "1001", name: 甲, posts: [{ window: 1, post: A }] }
      - { id: "1002", name: 乙, posts: [{ window: 1, post: A }, { window: 9, post: B }] }`;
    expect(issuesOf(hall(staff)).map((i) => i.path)).toEqual(['halls.0.staff.1.posts.0', 'halls.0.staff.1.posts.1.window']);
  });

  it('refuses a bad time of day, an unknown time zone and broken YAML', () => {
    expect(issuesOf(hall('    schedule: { open: "8:30" }')).map((i) => i.path)).toEqual(['halls.0.schedule.open']);
    expect(issuesOf(hall('    timeZone: Mars/Olympus')).map((i) => i.path)).toEqual(['halls.0.timeZone']);
    expect(issuesOf('halls: [ {')[0]!.path).toBe('(file)');
  });
});
