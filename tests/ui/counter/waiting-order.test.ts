import type { PriorityClass, TicketView } from '../../../server/protocol.js';
import { waitingOrder, type CallPlanView } from '../../../counter/terminal/waitingOrder.js';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const min = 60_000;

let seq = 0;
function waiting(number: string, serviceId: string, waitedMinutes: number, priority: PriorityClass = 'normal', transferTo?: string): TicketView {
  return { id: `t1-${++seq}`, number, serviceId, priority, status: 'waiting', issuedAt: NOW - waitedMinutes * min, recalls: 0, noShows: 0, transfers: transferTo ? 1 : 0, ...(transferTo ? { transferTo } : {}) };
}

// Window 1 of the test hall: social first, land only when no social ticket waits.
const plan: CallPlanView = { windowId: 't1-1', tiers: [['social'], ['land']], classOrder: ['priority', 'appointment', 'normal'], ageingMinutes: 30 };
const order = (tickets: TicketView[], p: CallPlanView = plan) => waitingOrder(tickets, p, NOW).map((t) => t.number);

describe('the next tickets a counter shows, in the order call-next takes them', () => {
  it('puts a ticket transferred to this window before any other', () => {
    expect(order([waiting('A001', 'social', 12, 'priority'), waiting('B007', 'land', 1, 'normal', 't1-1')])).toEqual(['B007', 'A001']);
  });

  it('leaves out tickets transferred to another window and services the window does not serve', () => {
    expect(order([waiting('A001', 'social', 5, 'normal', 't1-2'), waiting('C001', 'tax', 20), waiting('A002', 'social', 1)])).toEqual(['A002']);
  });

  it('serves a lower tier only after every ticket of the tiers above, however long it waited', () => {
    expect(order([waiting('B001', 'land', 25), waiting('A001', 'social', 2), waiting('A002', 'social', 1)])).toEqual(['A001', 'A002', 'B001']);
  });

  it('orders a tier by priority class — priority, then appointment, then normal — then by longest wait', () => {
    const tickets = [waiting('A001', 'social', 15), waiting('A002', 'social', 10, 'appointment'), waiting('A003', 'social', 3, 'priority'), waiting('A004', 'social', 5, 'priority'), waiting('A005', 'social', 20)];
    expect(order(tickets)).toEqual(['A004', 'A003', 'A002', 'A005', 'A001']);
  });

  it('calls a ticket transferred to one of the tier’s services before the tier’s class queues', () => {
    expect(order([waiting('A001', 'social', 9, 'priority'), waiting('A009', 'social', 1, 'normal', 'social')])).toEqual(['A009', 'A001']);
  });

  it('lets a normal ticket that waited past the ageing limit rank with the most urgent class', () => {
    const tickets = [waiting('A001', 'social', 31), waiting('A002', 'social', 2, 'priority'), waiting('A003', 'social', 29)];
    expect(order(tickets, { ...plan, ageingMinutes: 30 })).toEqual(['A001', 'A002', 'A003']);
  });

  it('follows a hall’s own class order', () => {
    const tickets = [waiting('A001', 'social', 3, 'priority'), waiting('A002', 'social', 2, 'appointment')];
    expect(order(tickets, { ...plan, classOrder: ['appointment', 'priority', 'normal'] })).toEqual(['A002', 'A001']);
  });

  it('ignores tickets that no longer wait', () => {
    expect(order([{ ...waiting('A001', 'social', 3), status: 'called' }])).toEqual([]);
  });
});
