/**
 * The hall's casework rules: the 差评 loop's deadlines, the inspection checklist and the limits on
 * evidence photos. Every number is configuration with the default local practice gives; the tags
 * are the sources of ../shared/rules/evaluation-defaults.md §1 (S1…S71) and §7, `our default`
 * where no published scheme gave one. Documented in docs/configuration.md (`casework`).
 */
import { z } from 'zod';
import { evaluationCategories } from './domain/evaluation/records.js';

/** GB/T 36112 §5's four dimensions of a window's conduct (practice.md), the checklist's groups. */
export const checklistDimensions = ['appearance', 'behaviour', 'language', 'discipline'] as const;
export type ChecklistDimension = (typeof checklistDimensions)[number];

const itemSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and _ only'),
  /** What the inspector reads on the phone (Chinese). */
  label: z.string().min(1).max(40),
  dimension: z.enum(checklistDimensions),
  category: z.enum(evaluationCategories).default('conduct_etiquette'),
  /** Points one finding deducts (positive). */
  points: z.number().positive().max(100),
  /** 一票否决: a finding bars awards this period (§7 veto_one_strike). */
  veto: z.boolean().default(false),
});
export type ChecklistItem = z.infer<typeof itemSchema>;

/** §7 deductions.conduct_etiquette, with the veto list's items an inspection can see. */
export const defaultChecklist: z.input<typeof itemSchema>[] = [
  { id: 'no_badge_or_name_plate', label: '未佩戴工作牌或未摆放桌牌', dimension: 'appearance', points: 1 }, // S3, S2 (S4: 3)
  { id: 'dress_code', label: '着装不规范、仪容不整', dimension: 'appearance', points: 1 }, // S3 (S4: 3)
  { id: 'dozing_shorts_slippers', label: '睡岗，或穿短裤、拖鞋', dimension: 'appearance', points: 5 }, // S4
  { id: 'eating_at_window', label: '在窗口吃东西', dimension: 'behaviour', points: 3 }, // S4
  { id: 'chatting_crossing_posts', label: '聊天、串岗、聚堆', dimension: 'behaviour', points: 5 }, // S4
  { id: 'quarrel_staff_at_fault', label: '与群众争吵（过错在己）', dimension: 'behaviour', points: 3, veto: true }, // S3, S5; veto practice.md H (凉山)
  { id: 'taboo_language_or_rude', label: '使用服务忌语、态度生硬', dimension: 'language', points: 3 }, // S4 (S3: 2)
  { id: 'refuse_or_shirk_enquiry', label: '推诿、拒绝群众咨询', dimension: 'language', points: 2 }, // S3 (S7 首问 0.5)
  { id: 'phone_games_video', label: '玩手机、看视频', dimension: 'discipline', points: 5 }, // S4 (S5: 1)
  { id: 'games_work_computer', label: '用工作电脑玩游戏、娱乐', dimension: 'discipline', points: 5, veto: true }, // S10 (veto), points S4
  { id: 'personal_calls', label: '长时间接打私人电话', dimension: 'discipline', points: 5 }, // S4
  { id: 'unrelated_work', label: '做与工作无关的事', dimension: 'discipline', points: 1 }, // S2
  { id: 'demanding_benefits', label: '吃拿卡要、乱收费', dimension: 'discipline', points: 10, veto: true }, // S2 (−10), S6, S8; veto §7
];

const workdays = (d: number) => z.number().int().min(1).max(60).default(d);

export const caseworkSchema = z
  .object({
    /** 差评 loop deadlines in the hall's working days (§7 bad_review.deadlines). */
    deadlines: z
      .object({
        /** Contact the rater (回访核实) — S71 (浙江: within 1 day). */
        contactWorkdays: workdays(1),
        /** Rectify a simple case — S60 (德州: 5 working days). Local rules also use 7 (S63). */
        rectifySimpleWorkdays: workdays(5),
        /** Rectify a complex case — S61 (四川: 15 working days), S71 (浙江: 15 days). */
        rectifyComplexWorkdays: workdays(15),
        /** An appeal (申诉复核) is filed within this many working days of the rating — our default. */
        appealFileWorkdays: workdays(3),
        /** …and decided within this many of its filing — our default. */
        appealDecideWorkdays: workdays(5),
      })
      .default(() => ({ contactWorkdays: 1, rectifySimpleWorkdays: 5, rectifyComplexWorkdays: 15, appealFileWorkdays: 3, appealDecideWorkdays: 5 })),
    /** How many times a rater's 不满意 at the revisit sends the case back to rectifying (追评) — S71: once. */
    reopenLimit: z.number().int().min(0).max(3).default(1),
    /** The inspection checklist (GB/T 36112 §5 dimensions; points per §7 conduct_etiquette). */
    checklist: z.array(itemSchema).min(1).default(() => defaultChecklist.map((i) => itemSchema.parse(i))),
    /** Evidence photos: largest accepted file and accepted types — our default (a phone's camera JPEG is 2–6 MB). */
    evidence: z
      .object({
        maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
        types: z.array(z.enum(['image/jpeg', 'image/png', 'image/webp'])).min(1).default(['image/jpeg', 'image/png', 'image/webp']),
        /** Photos per inspection, complaint or commendation. */
        maxPerRecord: z.number().int().min(1).max(20).default(6),
      })
      .default(() => ({ maxBytes: 10 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] as ('image/jpeg' | 'image/png' | 'image/webp')[], maxPerRecord: 6 })),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.checklist.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['checklist', i, 'id'], message: `duplicate checklist item ${item.id}` });
      seen.add(item.id);
    });
  });

export type CaseworkRules = z.infer<typeof caseworkSchema>;
export type CaseDeadlineRules = CaseworkRules['deadlines'];
export const defaultCaseworkRules = (): CaseworkRules => caseworkSchema.parse({});
