/** A staffer’s operations at a window, and a manager closing one. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { canActAtWindow, canManage } from '../../auth/policies.js';
import { callNext } from '../../commands/callNext.js';
import { closeWindow } from '../../commands/closeWindow.js';
import { completeTicket } from '../../commands/completeTicket.js';
import { markNoShow } from '../../commands/markNoShow.js';
import { markAway } from '../../commands/markAway.js';
import { recallTicket } from '../../commands/recallTicket.js';
import { markBack } from '../../commands/markBack.js';
import { signIn } from '../../commands/signIn.js';
import { signOut } from '../../commands/signOut.js';
import { startService } from '../../commands/startService.js';
import { transferTicket } from '../../commands/transferTicket.js';
import type { Result } from '../../store/hallStore.js';
import { bearer, type Reply } from '../route.js';
import { bodies, params, ticketViewSchema, windowViewSchema } from '../schemas.js';

export function windowRoutes(kit: RouteKit): void {
  const { ctx, route, windowHall, forbid, okOrThrow } = kit;
  // The staffer's window operations: same shape, one command each.
  const windowRoute = <B extends { requestId?: string }>(
    action: string,
    summary: string,
    body: z.ZodType<B>,
    run: (props: { windowId: string; staffId: string } & B) => Promise<Result<object>>,
    noContentWhenEmpty = false,
  ) =>
    route({
      method: 'post', path: `/windows/{windowId}/${action}`, tag: 'windows', auth: 'token', summary,
      params: params.window, body,
      responses: {
        200: { description: 'the ticket and the window after the change', schema: z.object({ ticket: ticketViewSchema.optional(), window: windowViewSchema.optional() }) },
        ...(noContentWhenEmpty ? { 204: { description: 'nobody waits' } } : {}),
      } as Record<number, { description: string; schema?: z.ZodType }>,
      handler: async ({ params: p, body: b, principal, req }): Promise<Reply> => {
        const hall = windowHall(p.windowId);
        if (!canActAtWindow(principal!, hall.id)) throw forbid('only staff of this hall act at its windows');
        const r = okOrThrow(await run({ ...b, windowId: p.windowId, staffId: principal.staffId }));
        // The session that signs in is the one live at this staffer's desk (commands/logIn.ts asks before another takes it).
        if (action === 'sign-in') await kit.tokens.holdDesk(principal.staffId, bearer(req)!);
        const { ticket, window } = r as { ticket?: unknown; window?: unknown };
        if (noContentWhenEmpty && !ticket) return { status: 204 };
        return { status: 200, body: { ticket, window } };
      },
    });

  windowRoute('sign-in', 'Sign in at the window as its A or B post', bodies.signIn, (p) => signIn(ctx, p));
  windowRoute('sign-out', 'Sign out of the window', bodies.plain, (p) => signOut(ctx, p));
  windowRoute('call-next', 'Call the next ticket (204 when nobody waits)', bodies.plain, (p) => callNext(ctx, p), true);
  windowRoute('recall', 'Announce the called ticket again', bodies.plain, (p) => recallTicket(ctx, p));
  windowRoute('start', 'The citizen has come: start handling', bodies.plain, (p) => startService(ctx, p));
  windowRoute('no-show', 'The called citizen did not come', bodies.plain, (p) => markNoShow(ctx, p));
  windowRoute('complete', 'Finish handling with an outcome', bodies.complete, (p) => completeTicket(ctx, p));
  windowRoute('transfer', 'Send the ticket to another window or service', bodies.transfer, (p) =>
    transferTicket(ctx, p.toWindowId !== undefined ? { ...p, toWindowId: p.toWindowId, toServiceId: undefined } : { ...p, toServiceId: p.toServiceId!, toWindowId: undefined }),
  );
  // One word for it (domain/ticket.ts awayReasons): the script away.lua, the event staff.away.
  windowRoute('away', 'Step away from the window, with a reason (the window pauses unless the other post covers)', bodies.away, (p) => markAway(ctx, p));
  windowRoute('back', 'Back at the window: resume service', bodies.plain, (p) => markBack(ctx, p));

  route({
    method: 'post', path: '/windows/{windowId}/close', tag: 'windows', auth: 'token', summary: 'Close the window and sign its staff out (managers)',
    params: params.window, body: bodies.plain,
    responses: { 200: { description: 'the window', schema: z.object({ window: windowViewSchema }) } },
    handler: async ({ params: p, body, principal }) => {
      const hall = windowHall(p.windowId);
      if (!canManage(principal!, hall.id, ctx.halls.parentOf)) throw forbid('only a manager closes a window');
      const r = okOrThrow(await closeWindow(ctx, { windowId: p.windowId, by: (principal as { staffId: string }).staffId, requestId: body.requestId }));
      return { status: 200, body: { window: r.window } };
    },
  });

}
