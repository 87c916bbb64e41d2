/** Shapes the hub's answers: what each audience may see of a hall or a ticket. */
import type { CommandContext } from '../commands/context.js';
import type { Hall } from '../domain/hall.js';
import type { HallInfo, HallSnapshot, TicketView } from '../protocol.js';

export function hallSnapshot(ctx: CommandContext, hall: Hall): Promise<HallSnapshot> {
  return ctx.store
    .snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes })
    .then((s) => ({ ...s, date: hall.businessDay(ctx.clock()) }));
}

/** Public configuration of a hall: what screens and kiosks label things with. No staff secrets. */
export function presentHall(hall: Hall): HallInfo {
  const c = hall.config;
  return {
    id: c.id,
    name: c.name,
    level: c.level,
    parent: c.parent,
    timeZone: c.timeZone,
    notice: c.notice,
    voiceTemplate: c.voiceTemplate,
    voice: c.voice,
    waitTargetMinutes: c.rules.waitTargetMinutes,
    // The counter shows the next few tickets in call-next's order (counter/terminal/waitingOrder.ts).
    classOrder: c.rules.classOrder,
    ageingMinutes: c.rules.ageingMinutes,
    services: c.services.map((s) => ({ id: s.id, name: s.name, prefix: s.prefix, standardMinutes: s.standardMinutes })),
    windows: c.windows.map((w) => ({ id: `${c.id}-${w.number}`, number: w.number, name: w.name, kind: w.kind, services: w.tiers.flat(), tiers: w.tiers })),
    staff: c.staff.filter((s) => s.role === 'staff').map((s) => ({ id: s.id, name: s.name, ...(s.photo !== undefined ? { photo: s.photo } : {}), posts: s.posts })),
  };
}

export function presentTicketForCitizen(hall: Hall, found: { ticket: TicketView; ahead: number; rateToken?: string; estimatedWaitMinutes?: number | null }) {
  const t = found.ticket;
  const service = hall.services.get(t.serviceId);
  const window = t.windowId ? hall.windows.get(t.windowId) : undefined;
  return {
    ...t,
    hallId: hall.id,
    hallName: hall.config.name,
    serviceName: service?.name ?? t.serviceId,
    ahead: found.ahead,
    // While waiting: minutes until the call (server/domain/estimate.ts); null when no open window calls the service.
    ...(found.estimatedWaitMinutes !== undefined ? { estimatedWaitMinutes: found.estimatedWaitMinutes } : {}),
    ...(window ? { windowName: window.name } : {}),
    // The citizen rates with this after completion (the phone channel).
    ...(t.status === 'done' && found.rateToken ? { rateToken: found.rateToken } : {}),
  };
}
