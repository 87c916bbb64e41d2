/**
 * The hall configuration file: halls, services, windows, staff, schedule and targets.
 * Validated once at start; a bad file is refused with the path of the bad field.
 * The format is documented in docs/configuration.md.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { printerConfigSchema } from '../printer/index.js';
import { attendanceSchema } from './attendanceConfig.js';
import { evaluationSchema } from './evaluationConfig.js';
import { caseworkSchema } from './casesConfig.js';
import { windowId } from './domain/numbering.js';
import { isKnownTimeZone } from './domain/zones.js';
import { priorityClasses, type PriorityClass } from './domain/ticket.js';

const slug = z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and _ only');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const span = z.tuple([clock, clock]);

// The hall's vocabulary lives in the pure domain; the configuration reads it from there.
export { priorityClasses, windowId, type PriorityClass };

export const windowKinds = ['comprehensive', 'dedicated', 'pickup', 'consultation'] as const;
export const hallLevels = ['county', 'town', 'village'] as const;
export const roles = ['admin', 'manager', 'inspector', 'staff'] as const;
export type Role = (typeof roles)[number];

const serviceSchema = z.object({
  id: slug,
  name: z.string().min(1),
  prefix: z.string().regex(/^[A-Z]$/, 'one capital letter'),
  standardMinutes: z.number().positive(),
  dailyCap: z.number().int().positive().max(999).default(999),
  /** When tickets may be issued; defaults to the hall's opening hours. */
  issuingHours: z.array(span).min(1).optional(),
});

const windowSchema = z.object({
  number: z.number().int().positive().max(999),
  name: z.string().min(1),
  kind: z.enum(windowKinds).default('comprehensive'),
  /** Services in tiers: the first tier is served first; a lower tier only when those above are empty. */
  tiers: z.array(z.array(slug).min(1)).min(1),
});

const staffSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, '工号: letters, digits, - and _'),
  name: z.string().min(1),
  role: z.enum(roles).default('staff'),
  /** A/B posts this person holds: `{ window: 3, post: A }`. */
  posts: z.array(z.object({ window: z.number().int().positive(), post: z.enum(['A', 'B']) })).default([]),
  photo: z.string().optional(),
  /** scrypt hash (see `npm run hash-password`); demo halls may give a plain `password` instead. */
  passwordHash: z.string().optional(),
  password: z.string().optional(),
});

/**
 * A ticket kiosk (取号机) and the printer beside it. The id carries the hall's id (like windows and
 * tickets), and the kiosk's device token carries the id (`kioskId`): that is how an issued ticket
 * finds its printer. No printer: the kiosk shows the number and asks the citizen to note it.
 */
const kioskSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+-[A-Za-z0-9_-]+$/, '<hallId>-<name>, e.g. junan-kiosk-1'),
  name: z.string().min(1),
  printer: printerConfigSchema.optional(),
  /** The ticket's last lines (how to behave when missing the call, how long it is valid). */
  footer: z.string().max(200).optional(),
});

const scheduleSchema = z.object({
  /** ISO weekdays the hall works: 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  open: clock.default('08:30'),
  close: clock.default('17:30'),
  /** The lunch break; no calls are expected and attendance does not count it. */
  lunch: span.optional(),
  holidays: z.array(isoDate).default([]),
  /** Working days off the weekday pattern (调休 Saturdays). */
  workdays: z.array(isoDate).default([]),
  /** Follow the State Council's holidays and 调休 days (server/domain/calendar); the hall's own lists above override them. */
  nationalCalendar: z.boolean().default(true),
});

const rulesSchema = z.object({
  /** A called ticket that does not come may re-enter the queue this many times (过号重排). */
  noShowRequeueLimit: z.number().int().min(0).default(1),
  /** …this many places behind the head of its queue. */
  noShowRequeuePlaces: z.number().int().min(0).default(3),
  /** A no-show counts only this long after the call: the citizen may be walking over (domain/noShow.ts). */
  noShowAfterSeconds: z.number().int().min(0).max(3600).default(60),
  /** …and only after at least one recall (重呼). */
  noShowAfterRecall: z.boolean().default(false),
  /** Priority classes in calling order, most urgent first. */
  classOrder: z.array(z.enum(priorityClasses)).length(3).default(['priority', 'appointment', 'normal']),
  /** A ticket waiting this long is called as if it were of the most urgent class, so nobody starves. */
  ageingMinutes: z.number().positive().default(30),
  /** Target waiting time (等候超时 past it). */
  waitTargetMinutes: z.number().positive().default(20),
  /** Away longer than this without B-post cover is 空岗. */
  awayAlertMinutes: z.number().positive().default(30),
  /** Working days to rectify a bad review. */
  badReviewDeadlineDays: z.number().int().positive().default(5),
  /** The rating pad returns to rest this long after a completion nobody rated (the phone link still rates). */
  ratingTimeoutSeconds: z.number().int().min(5).max(600).default(60),
});

/** The hall screen's voice (display/lib/voice): clips are read back-to-back, FIFO, never cut off. */
const voiceSchema = z.object({
  muted: z.boolean().default(false),
  volume: z.number().min(0).max(1).default(1),
  /** How many times each call is spoken. */
  repeat: z.number().int().min(1).max(5).default(2),
  gapMs: z.number().int().min(0).max(10_000).default(800),
  /** Where the clips are: the generated pack, or a folder of human recordings with the same names. */
  baseUrl: z.string().default('/voice/zh-CN/'),
});

export const defaultRatingReasons = ['等候时间长', '服务态度差', '业务不熟练', '一次性告知不清', '办事效率低', '环境设施差', '其他'] as const;

const hallSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    level: z.enum(hallLevels),
    parent: slug.nullable().default(null),
    timeZone: z.string().default('Asia/Shanghai'),
    notice: z.string().default(''),
    kiosks: z.array(kioskSchema).default([]),
    voiceTemplate: z.string().default('请{number}号到{window}号窗口办理'),
    voice: voiceSchema.default(() => voiceSchema.parse({})),
    schedule: scheduleSchema.default(() => scheduleSchema.parse({})),
    rules: rulesSchema.default(() => rulesSchema.parse({})),
    /** 考勤 · 请销假 · AB岗 rules (server/attendanceConfig.ts). */
    attendance: attendanceSchema.default(() => attendanceSchema.parse({})),
    /** 月度考核 rules: categories, deductions, bonuses, vetoes, grades, awards (server/evaluationConfig.ts). */
    evaluation: evaluationSchema.default(() => evaluationSchema.parse({})),
    /** 差评 loop deadlines, the inspection checklist, evidence limits (server/casesConfig.ts). */
    casework: caseworkSchema.default(() => caseworkSchema.parse({})),
    services: z.array(serviceSchema).min(1),
    windows: z.array(windowSchema).min(1),
    staff: z.array(staffSchema).default([]),
    /** Reasons a citizen picks for a bad review (不满意 / 非常不满意 need at least one). */
    ratingReasons: z.array(z.string().trim().min(1).max(40)).min(1).max(20).default(() => [...defaultRatingReasons]),
  })
  .superRefine((hall, ctx) => {
    unique(hall.services.map((s) => s.id), ctx, 'services', 'id');
    unique(hall.services.map((s) => s.prefix), ctx, 'services', 'prefix');
    unique(hall.windows.map((w) => w.number), ctx, 'windows', 'number');
    unique(hall.staff.map((s) => s.id), ctx, 'staff', 'id');
    const serviceIds = new Set(hall.services.map((s) => s.id));
    hall.windows.forEach((w, wi) =>
      w.tiers.forEach((tier, ti) =>
        tier.forEach((svc, si) => {
          if (!serviceIds.has(svc))
            ctx.addIssue({ code: 'custom', path: ['windows', wi, 'tiers', ti, si], message: `unknown service "${svc}"` });
        }),
      ),
    );
    const windowNumbers = new Set(hall.windows.map((w) => w.number));
    const taken = new Map<string, string>();
    hall.staff.forEach((s, i) =>
      s.posts.forEach((p, pi) => {
        if (!windowNumbers.has(p.window))
          ctx.addIssue({ code: 'custom', path: ['staff', i, 'posts', pi, 'window'], message: `unknown window ${p.window}` });
        const key = `${p.window}/${p.post}`;
        const holder = taken.get(key);
        if (holder)
          ctx.addIssue({ code: 'custom', path: ['staff', i, 'posts', pi], message: `window ${p.window} post ${p.post} is already ${holder}'s` });
        taken.set(key, s.id);
      }),
    );
    const staffIds = new Set(hall.staff.map((s) => s.id));
    hall.evaluation.awards.chiefs.forEach((id, i) => {
      if (!staffIds.has(id)) ctx.addIssue({ code: 'custom', path: ['evaluation', 'awards', 'chiefs', i], message: `unknown staff "${id}"` });
    });
    unique(hall.kiosks.map((k) => k.id), ctx, 'kiosks', 'id');
    hall.kiosks.forEach((k, i) => {
      if (!k.id.startsWith(`${hall.id}-`)) ctx.addIssue({ code: 'custom', path: ['kiosks', i, 'id'], message: `a kiosk id starts with its hall's id: "${hall.id}-…"` });
    });
    if (!isKnownTimeZone(hall.timeZone)) ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `unknown time zone "${hall.timeZone}"` });
  });

function unique(values: unknown[], ctx: z.RefinementCtx, list: string, field: string): void {
  const seen = new Set<unknown>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [list, i, field], message: `duplicate ${field} ${String(v)}` });
    seen.add(v);
  });
}

export const configSchema = z
  .object({ halls: z.array(hallSchema).min(1) })
  .superRefine((cfg, ctx) => unique(cfg.halls.map((h) => h.id), ctx, 'halls', 'id'));

export type HallConfig = z.infer<typeof hallSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type WindowConfig = z.infer<typeof windowSchema>;
export type StaffConfig = z.infer<typeof staffSchema>;
export type KioskConfig = z.infer<typeof kioskSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type HallRules = z.infer<typeof rulesSchema>;
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${file}: invalid configuration\n` + issues.map((i) => `  at ${i.path}: ${i.message}`).join('\n'));
  }
}

/** Parse and validate a configuration object; throws ConfigError naming each bad field's path. */
export function parseConfig(raw: unknown, file = '<config>'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    );
  }
  return result.data;
}

/** Read a YAML or JSON configuration file (JSON is YAML). */
export function loadConfig(file: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [{ path: '(file)', message: (err as Error).message }]);
  }
  return parseConfig(raw, file);
}
