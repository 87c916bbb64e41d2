/**
 * What the metrics need of a hall's configuration, and the hall's clock per business day: its
 * midnight (for hours of the day) and its lunch break (the wait clock stops over it: S87). Pure.
 * Definitions: ../shared/rules/evaluation-defaults.md §5 and §7 metrics_efficiency / metrics_rating.
 */
import type { HallConfig } from '../../config.js';
import { epochOfLocal } from '../time.js';

export interface MetricRules {
  timeZone: string;
  /** The hall's lunch break (HH:MM, HH:MM), if it has one. */
  lunch?: readonly [string, string];
  /** A wait past this is 等候超时 (hall rules.waitTargetMinutes; §7 wait_target_min). */
  waitTargetSeconds: number;
  /** Standard handling seconds per service id (services[].standardMinutes; §7 handle_standard_min: per service). */
  standardSeconds: ReadonlyMap<string, number>;
}

export function metricRulesOf(hall: Pick<HallConfig, 'timeZone' | 'schedule' | 'rules' | 'services'>): MetricRules {
  return {
    timeZone: hall.timeZone,
    ...(hall.schedule.lunch ? { lunch: hall.schedule.lunch } : {}),
    waitTargetSeconds: hall.rules.waitTargetMinutes * 60,
    standardSeconds: new Map(hall.services.map((s) => [s.id, s.standardMinutes * 60])),
  };
}

/** Waiting-time buckets in minutes, 0–3–6–9–12–15+ (§7 buckets_min, S85): bucket i holds [b[i], b[i+1]). */
export const waitBucketsMinutes = [0, 3, 6, 9, 12, 15] as const;

export interface DayTimes {
  midnight: number;
  /** The lunch break of that day, epoch ms. */
  lunch?: readonly [number, number];
}

/** Per business day (YYYYMMDD) the hall's midnight and lunch, computed once per day. */
export class HallDays {
  private readonly days = new Map<string, DayTimes>();
  constructor(private readonly rules: Pick<MetricRules, 'timeZone' | 'lunch'>) {}

  of(day: string): DayTimes {
    let d = this.days.get(day);
    if (!d) {
      const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
      const lunch = this.rules.lunch;
      d = {
        midnight: epochOfLocal(date, '00:00', this.rules.timeZone),
        ...(lunch ? { lunch: [epochOfLocal(date, lunch[0], this.rules.timeZone), epochOfLocal(date, lunch[1], this.rules.timeZone)] as const } : {}),
      };
      this.days.set(day, d);
    }
    return d;
  }
}
