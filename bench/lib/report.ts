/** Percentiles, and the fan-out bench's printed report. */
import type { Usage } from './meters.js';
import type { ScheduleResult } from './schedule.js';
import type { FleetResult } from './screens.js';

/** One side of the bench (the hub, or the floor) as measured. */
export interface Phase {
  name: string;
  fleet: FleetResult;
  measuredSeconds: number;
  schedule: ScheduleResult;
  usage: Usage;
  /** The server process's resident memory: started, screens connected, end of the run, peak. */
  memory: { idleMB: number; connectedMB: number; endMB: number; peakMB: number };
}

/** The p-th percentile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The goal set for 200 windows, 2,000 screens and 50 calls/s. */
const GOAL_P99_MS = 50;
const GOAL_RATIO = 2;

/** Print the table and the checks; false when a screen missed a call or a call failed. */
export function report(
  hub: Phase,
  floor: Phase,
  log: (line: string) => void,
  /** This run's shape: the goal is judged only at the shape it was set for. */
  shape: { windows: number; screens: number; rate: number },
): boolean {
  const p99 = (p: Phase) => percentile(p.fleet.latencies, 99);
  const row = (p: Phase) => {
    const l = p.fleet.latencies;
    const { server, screens } = p.usage;
    return [
      p.name, fixed(percentile(l, 50)), fixed(percentile(l, 90)), fixed(p99(p)), fixed(l[l.length - 1] ?? NaN),
      Math.round(p.fleet.messages / p.measuredSeconds), `${fixed(p.memory.idleMB, 0)} → ${fixed(p.memory.endMB, 0)} (peak ${fixed(p.memory.peakMB, 0)})`,
      server.cpuPercent, `${fixed(server.lag.p99)} / ${fixed(server.lag.max)}`, screens.cpuPercent, `${fixed(screens.lag.p99)} / ${fixed(screens.lag.max)}`,
    ];
  };
  const ratio = p99(hub) / p99(floor);
  log('');
  log(table(['setup', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'msgs/s', 'server RSS MB start → end', 'server CPU %', 'server lag p99/max ms', 'screens CPU %', 'screens lag p99/max ms'], [row(hub), row(floor)]));
  log('');
  log(`p99 hub / p99 floor = ${fixed(ratio, 2)}; ticket.called receipts measured: hub ${hub.fleet.latencies.length}, floor ${floor.fleet.latencies.length}`);
  for (const p of [hub, floor]) {
    const u = p.usage;
    const ours = u.server.cpuPercent + u.screens.cpuPercent + u.driver.cpuPercent + (p === hub ? u.redisPercent : 0);
    log(
      `CPU while measuring ${p.name} (% of one core; ${u.cores} cores = ${u.cores * 100}): server ${u.server.cpuPercent}, screens ${u.screens.cpuPercent}, ` +
        `driver ${u.driver.cpuPercent}${p === hub ? `, Redis ${u.redisPercent}` : ''}; whole machine ${u.machinePercent}, of which other work ${Math.max(0, u.machinePercent - ours)}`,
    );
  }
  if (shape.windows === 200 && shape.screens === 2000 && shape.rate === 50) {
    log(
      `goal (set for 200 windows, 2,000 screens, 50 calls/s): p99 ≤ ${GOAL_P99_MS} ms ${p99(hub) <= GOAL_P99_MS ? 'met' : 'MISSED'} (${fixed(p99(hub))} ms); ` +
        `p99 ≤ ${GOAL_RATIO}× floor ${ratio <= GOAL_RATIO ? 'met' : 'MISSED'} (${fixed(ratio, 2)}×)`,
    );
  } else {
    log(`goal not judged: it is set for 200 windows, 2,000 screens, 50 calls/s; this run had ${shape.windows}, ${shape.screens}, ${shape.rate}`);
  }
  let correct = true;
  for (const p of [hub, floor]) {
    const f = p.fleet;
    const problems = [
      f.missed.length ? `${f.missed.length} screens did not get exactly their calls (e.g. ${f.missed.slice(0, 3).map((m) => `${m.screen}: ${m.received}/${m.expected}`).join(', ')})` : '',
      f.repeats ? `${f.repeats} events received twice` : '',
      f.foreign ? `${f.foreign} events reached screens that do not follow them` : '',
      f.disconnects ? `${f.disconnects} screens disconnected (${Object.entries(f.disconnectReasons).map(([r, n]) => `${n} ${r}`).join(', ')})` : '',
      p.schedule.skipped ? `${p.schedule.skipped} turns skipped (window still busy with its previous call)` : '',
      p.schedule.failed ? `${p.schedule.failed} calls failed or found nobody waiting` : '',
    ].filter(Boolean);
    const verdict = problems.length ? problems.join('; ') : 'every screen received every call made for it, once';
    log(`${p.name}: ${p.schedule.fired} calls, driver at most ${fixed(p.schedule.maxSlipMs, 0)} ms behind schedule; ${verdict}`);
    if (f.missed.length || f.repeats || f.foreign || f.disconnects || p.schedule.failed) correct = false;
  }
  return correct;
}
