/**
 * What each kiosk's printer still owes, in Redis, shared by every hub (server/jobs/printWorker.ts
 * prints from it). Keys under the hall's prefix (one Redis Cluster slot per hall):
 *   print:backlog:<kiosk>   sorted set: tickets not yet printed nor given up, scored by issue time
 *   print:ticket:<kiosk>    hash: ticket id → the TicketPrint as laid out at issue (JSON)
 *   print:state:<ticket>    'sending' from just before the bytes go out, then 'printed' or
 *                           'skipped'; kept three days. 'sending' found by the next sender means
 *                           the last one died mid-print: the paper may or may not have come out.
 *   print:lease:<kiosk>     which worker sends to the kiosk's printer now (print_lease.lua)
 */
import type { RedisClient } from './redisClient.js';
import type { PrintClaim } from '../domain/ticketPrinting.js';
import type { TicketPrint } from '../../printer/ticket.js';
import { hallPrefix } from './keys.js';
import { scriptRunner } from './scripts.js';

const KEEP_SECONDS = 3 * 86400;

export class PrintLedger {
  private readonly call: ReturnType<typeof scriptRunner>;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {
    this.call = scriptRunner(redis);
  }

  private key(hallId: string, what: string): string {
    return `${hallPrefix(this.keyPrefix, hallId)}print:${what}`;
  }

  /** A ticket to print at a kiosk; adding it again changes nothing. */
  async add(hallId: string, kioskId: string, ticketId: string, ticket: TicketPrint): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.key(hallId, `backlog:${kioskId}`), 'NX', ticket.issuedAt, ticketId)
      .hsetnx(this.key(hallId, `ticket:${kioskId}`), ticketId, JSON.stringify(ticket))
      .exec();
  }

  /** The kiosk's tickets still to print, oldest first, with their layout. */
  async backlog(hallId: string, kioskId: string): Promise<{ ticketId: string; ticket: TicketPrint | null }[]> {
    const ids = await this.redis.zrange(this.key(hallId, `backlog:${kioskId}`), 0, -1);
    if (ids.length === 0) return [];
    const raw = await this.redis.hmget(this.key(hallId, `ticket:${kioskId}`), ...ids);
    return ids.map((ticketId, i) => ({ ticketId, ticket: raw[i] ? (JSON.parse(raw[i]!) as TicketPrint) : null }));
  }

  /** About to send a ticket: what was known of it, and from now on 'sending' (atomic: SET NX GET). */
  async claim(hallId: string, ticketId: string): Promise<PrintClaim> {
    const before = await this.redis.set(this.key(hallId, `state:${ticketId}`), 'sending', 'EX', KEEP_SECONDS, 'NX', 'GET');
    if (before === null) return 'fresh';
    return before === 'sending' ? 'uncertain' : 'done';
  }

  /** The printer took the ticket, or it is given up (no longer waiting): it leaves the backlog. */
  async settle(hallId: string, kioskId: string, ticketId: string, how: 'printed' | 'skipped'): Promise<void> {
    await this.redis
      .multi()
      .set(this.key(hallId, `state:${ticketId}`), how, 'EX', KEEP_SECONDS)
      .zrem(this.key(hallId, `backlog:${kioskId}`), ticketId)
      .hdel(this.key(hallId, `ticket:${kioskId}`), ticketId)
      .exec();
  }

  /** The send failed before any byte reached the printer: the ticket is as if never sent. */
  async unsent(hallId: string, ticketId: string): Promise<void> {
    await this.redis.del(this.key(hallId, `state:${ticketId}`));
  }

  /** Hold the kiosk's printer for `ms` (or extend the hold); false while another worker holds it. */
  async lease(hallId: string, kioskId: string, owner: string, ms: number): Promise<boolean> {
    const p = hallPrefix(this.keyPrefix, hallId);
    const raw = await this.call('print_lease', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, kioskId, owner, ms, op: 'take' }));
    return (JSON.parse(raw) as { held: boolean }).held;
  }

  async release(hallId: string, kioskId: string, owner: string): Promise<void> {
    const p = hallPrefix(this.keyPrefix, hallId);
    await this.call('print_lease', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, kioskId, owner, ms: 0, op: 'drop' }));
  }
}
