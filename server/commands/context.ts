/**
 * What every command needs: the live store, the configured halls and a clock (injectable, so
 * tests can cross midnight or age a ticket without waiting).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { Hall } from '../domain/hall.js';
import { hallOf } from '../domain/numbering.js';
import type { Clock } from '../domain/time.js';
import type { Refusal, RefusalReason } from '../protocol.js';
import type { HallStore } from '../store/hallStore.js';

export interface CommandContext {
  store: HallStore;
  halls: Halls;
  clock: Clock;
}

export class Halls {
  private readonly byId = new Map<string, Hall>();

  constructor(config: Config) {
    for (const h of config.halls) this.byId.set(h.id, new Hall(h));
  }

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

/** A request without a client id still gets one, so every call is recorded once. */
export const requestIdOr = (id?: string): string => id ?? randomUUID();

/** Make every configured window exist in Redis (closed) without disturbing live ones. */
export async function initHalls(ctx: CommandContext): Promise<void> {
  for (const hall of ctx.halls.all()) {
    await ctx.store.initWindows(hall.id, hall.windowIds().map((id) => ({ id, number: hall.windows.get(id)!.number })));
  }
}
