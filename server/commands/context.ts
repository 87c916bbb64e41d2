/**
 * What every command needs: the live store, the configured halls and a clock (injectable, so
 * tests can cross midnight or age a ticket without waiting).
 */
import type { Config } from '../config.js';
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
  for (const hall of ctx.halls.all()) {
    await ctx.store.initWindows(hall.id, hall.windowIds().map((id) => ({ id, number: hall.windows.get(id)!.number })));
  }
}
