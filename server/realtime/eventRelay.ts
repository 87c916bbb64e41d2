/**
 * Each hub follows every hall's event channel on Redis sharded pub/sub (SSUBSCRIBE; on a cluster
 * each hall's channel is served by the shard that holds the hall) and hands the events on, in id
 * order, with no gap and no repeat. Pub/sub alone may drop messages (a Redis restart, a slow
 * consumer cut off, a failover that moves a shard); the relay notices a jump in ids, a reconnect,
 * or — looking every `pollMs` — a hall whose counter moved past what it forwarded, and reads what
 * it missed from the hall's event stream. When the stream no longer has it, or Redis lost the
 * day, it says so (`onReset`) and clients start again from a snapshot.
 */
import type { RedisClient } from '../store/redisClient.js';
import type { HallEvent } from '../protocol.js';
import type { LiveStore } from '../store/liveStore.js';
import { asError, component } from '../log.js';

const relayLog = component('relay');

export interface RelayHooks {
  deliver(event: HallEvent): void;
  onReset(hallId: string): void;
  /**
   * Redis holds fewer events than were forwarded: a chance to bring them back (the rebuild from the
   * archive) before clients are told to start again. When Redis then holds them, nothing resets.
   */
  beforeReset?(hallId: string): Promise<void>;
}

export class EventRelay {
  private readonly forwarded = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly hallOfChannel = new Map<string, string>();
  private stopped = false;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: LiveStore,
    private readonly subscriber: RedisClient,
    private readonly hallIds: string[],
    private readonly hooks: RelayHooks,
    /**
     * How often to compare each hall's counter with what was forwarded (0: never). A message
     * lost without a reconnect the relay can see — the last events before a failover, published
     * by a master that then died — would otherwise wait for the hall's next event.
     */
    private readonly pollMs = 2000,
  ) {}

  async start(): Promise<void> {
    for (const hallId of this.hallIds) {
      this.hallOfChannel.set(this.store.channel(hallId), hallId);
      this.forwarded.set(hallId, await this.store.lastEventId(hallId));
    }
    this.subscriber.on('smessage', (channel: string, message: string) => {
      const hallId = this.hallOfChannel.get(channel);
      if (!hallId) return;
      let event: HallEvent;
      try {
        event = JSON.parse(message) as HallEvent;
      } catch {
        return;
      }
      this.enqueue(hallId, () => this.receive(hallId, event));
    });
    // After a reconnect the subscription is renewed by ioredis; read whatever passed meanwhile.
    // A cluster's shard subscribers say so once they are subscribed again after a topology change.
    const catchUpAll = () => {
      for (const hallId of this.hallIds) this.enqueue(hallId, () => this.catchUp(hallId));
    };
    this.subscriber.on('ready', catchUpAll);
    this.subscriber.on('subscribersReady', catchUpAll);
    // One channel per call: on a cluster each hall's channel lives in its own slot.
    await Promise.all([...this.hallOfChannel.keys()].map((channel) => this.subscriber.ssubscribe(channel)));
    if (this.pollMs > 0) {
      this.poller = setInterval(() => {
        for (const hallId of this.hallIds) this.enqueue(hallId, () => this.catchUpIfBehind(hallId));
      }, this.pollMs);
      this.poller.unref();
    }
  }

  /** The last event id handed on for a hall. */
  position(hallId: string): number {
    return this.forwarded.get(hallId) ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    await Promise.allSettled(this.chains.values());
  }

  // One hall's work runs strictly one step after another, so events stay in order.
  private enqueue(hallId: string, step: () => Promise<void>): void {
    const next = (this.chains.get(hallId) ?? Promise.resolve()).then(step).catch((err) => {
      relayLog.error({ hallId, err: asError(err) }, 'relay: a step failed; the next event or reconnect catches up');
    });
    this.chains.set(hallId, next);
  }

  private async receive(hallId: string, event: HallEvent): Promise<void> {
    const last = this.position(hallId);
    if (event.id <= last) return;
    if (event.id > last + 1) {
      await this.catchUp(hallId, event.id - 1);
      if (event.id <= this.position(hallId)) return;
    }
    this.forward(hallId, event);
  }

  // Quiet while Redis is away: the reconnect's catch-up says what matters.
  private async catchUpIfBehind(hallId: string): Promise<void> {
    if (this.stopped) return;
    const newest = await this.store.lastEventId(hallId).catch(() => undefined);
    if (newest !== undefined && newest !== this.position(hallId)) await this.catchUp(hallId);
  }

  private async catchUp(hallId: string, upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
    if (this.stopped) return;
    let newest = await this.store.lastEventId(hallId);
    if (newest < this.position(hallId) && this.hooks.beforeReset) {
      await this.hooks.beforeReset(hallId);
      newest = await this.store.lastEventId(hallId);
    }
    if (newest < this.position(hallId)) {
      // Redis lost the hall's log (a restart without persistence): numbering began again.
      this.forwarded.set(hallId, newest);
      this.hooks.onReset(hallId);
      return;
    }
    while (this.position(hallId) < Math.min(upTo, newest)) {
      const batch = await this.store.eventsAfter(hallId, this.position(hallId), 500);
      if (batch === null) {
        this.forwarded.set(hallId, newest);
        this.hooks.onReset(hallId);
        return;
      }
      if (batch.length === 0) return;
      for (const e of batch) if (e.id <= upTo) this.forward(hallId, e);
    }
  }

  private forward(hallId: string, event: HallEvent): void {
    this.forwarded.set(hallId, event.id);
    this.hooks.deliver(event);
  }
}
