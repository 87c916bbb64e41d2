/**
 * The traffic simulator (DESIGN.md §8): makes halls live at a county centre's daily rhythm so a
 * newcomer sees screens move. It maps real elapsed time to virtual hall time at `speed` and steps
 * the Simulation on a timer. The engine keeps its own clock (ctx.clock): the simulator only
 * decides when to act, through the same commands a kiosk and a counter terminal use.
 */
import type { CommandContext } from '../commands/context.js';
import { Simulation } from './simulation.js';
import type { SimStats, SimulatorOptions, TicketRecord } from './types.js';

export { Simulation } from './simulation.js';
export { DAY_LENGTH, formatVirtual, timeOfDay, virtualDay, virtualMinuteOf } from './rhythm.js';
export type { SimStats, SimulatorOptions, TicketFate, TicketRecord } from './types.js';

export interface SimulatorHandle {
  /** Stop stepping; resolves once the step in progress has finished. Leaves the hall as it stands. */
  stop(): Promise<void>;
  stats(): SimStats;
  /** A record per ticket: `ahead` at issue and the issue/call/start/finish times. */
  log(): TicketRecord[];
  /** Virtual minutes since 08:30 of the first day, by the real clock. */
  virtualNow(): number;
  readonly simulation: Simulation;
}

export function startSimulator(ctx: CommandContext, options: SimulatorOptions = {}): SimulatorHandle {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`speed must be positive, not ${speed}`);
  const tickMs = options.tickMs ?? 100;
  const simulation = new Simulation(ctx, options);
  const startedAt = performance.now();
  const virtualNow = (): number => simulation.startV + ((performance.now() - startedAt) * speed) / 60_000;

  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, tickMs);
    });
  const loop = (async () => {
    while (!stopped) {
      await simulation.tick(virtualNow()); // never rejects: each step's failure is counted inside
      if (!stopped) await pause();
    }
  })();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
    stats: () => simulation.stats(),
    log: () => simulation.log(),
    virtualNow,
    simulation,
  };
}
