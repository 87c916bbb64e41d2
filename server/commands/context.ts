/**
 * What every command needs: the live store, the configured halls and a clock (injectable, so
 * tests can cross midnight or age a ticket without waiting).
 */
import type { Config, HallConfig } from '../config.js';
import { Hall } from '../domain/hall.js';
import { hallOf } from '../domain/numbering.js';
import type { Clock } from '../domain/time.js';
import type { Refusal, RefusalReason } from '../protocol.js';
import type { HallStore } from '../store/hallStore.js';
import type { LiveStore } from '../store/liveStore.js';

export interface CommandContext {
  store: LiveStore;
  halls: Halls;
  clock: Clock;
}

/**
 * The context as the process that wires it holds it: the Redis-backed store itself, whose
 * connection the hub also lends to what is not a hall operation (login limits, the demo's secret).
 */
export type WiredContext = CommandContext & { store: HallStore };

export class Halls {
  private readonly byId = new Map<string, Hall>();
  private readonly staffHall = new Map<string, Hall>();

  constructor(config: Config) {
    for (const h of config.halls) {
      const hall = new Hall(h);
      this.byId.set(h.id, hall);
      // 工号 sign people in across halls, so each must be unique in the whole file.
      for (const s of h.staff) {
        const other = this.staffHall.get(s.id);
        if (other) throw new Error(`staff id ${s.id} appears in halls ${other.id} and ${h.id}`);
        this.staffHall.set(s.id, hall);
      }
    }
  }

  /**
   * Put an edited hall's configuration in place (the admin console, server/configSync.ts): every
   * command reads its hall here, so the next operation runs on it. Refused, changing nothing, if
   * a 工号 of it belongs to another hall.
   */
  replace(config: HallConfig): void {
    for (const s of config.staff) {
      const other = this.staffHall.get(s.id);
      if (other && other.id !== config.id) throw new Error(`staff id ${s.id} appears in halls ${other.id} and ${config.id}`);
    }
    const hall = new Hall(config);
    for (const [staffId, h] of this.staffHall) if (h.id === config.id) this.staffHall.delete(staffId);
    for (const s of config.staff) this.staffHall.set(s.id, hall);
    this.byId.set(config.id, hall);
  }

  /** The hall a staffer belongs to. */
  ofStaff(staffId: string): Hall | undefined {
    return this.staffHall.get(staffId);
  }

  /** The parent hall's id (乡镇 → 县), for managers who oversee the halls under theirs. */
  parentOf = (hallId: string): string | null => this.byId.get(hallId)?.config.parent ?? null;

  get(hallId: string): Hall | undefined {
    return this.byId.get(hallId);
  }

  /** The hall a window or ticket id belongs to. */
  of(id: string): Hall | undefined {
    return this.byId.get(hallOf(id));
  }

  all(): Hall[] {
    return [...this.byId.values()];
  }
}

export const refuse = (reason: RefusalReason, detail?: string): Refusal => ({ ok: false, reason, detail });


/** Make every configured window exist in Redis (closed) without disturbing live ones. */
export async function initHalls(ctx: CommandContext): Promise<void> {
  for (const hall of ctx.halls.all()) await initHall(ctx, hall);
}

/** Make one hall's configured windows exist in Redis (a hall whose configuration an admin edited). */
export async function initHall(ctx: CommandContext, hall: Hall): Promise<void> {
  await ctx.store.initWindows(hall.id, hall.windowIds().map((id) => ({ id, number: hall.windows.get(id)!.number })));
}
