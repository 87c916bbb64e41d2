/**
 * Every hub runs each hall on its latest configuration: at start the archive's latest revision
 * replaces the file's (an admin's edit outlives a restart), and an edit in any hub reaches the
 * others through Redis at once: a message names the hall and revision, each hub reads that
 * revision from the archive and puts it in place. A revision that no longer parses (a schema
 * tightened by an upgrade) is refused loudly and the hall keeps what it runs.
 */
import type { RedisClient } from './store/redisClient.js';
import { configSchema, type HallConfig } from './config.js';
import { initHall, type WiredContext } from './commands/context.js';
import type { ConfigStore } from './store/archive/configStore.js';

export interface ConfigSyncOptions {
  ctx: WiredContext;
  configs: ConfigStore;
  /** A connection of its own: it goes into subscriber mode. */
  subscriber: RedisClient;
  /** The connection edits are announced on. */
  publisher: RedisClient;
  channel: string;
  /** A revision is in place in this hub (tell the hall's screens and counters). */
  onApplied?: (hallId: string, revision: number) => void;
  log?: (message: string) => void;
}

export class ConfigSync {
  private readonly applied = new Map<string, number>();

  constructor(private readonly o: ConfigSyncOptions) {}

  /** The revision this hub runs a hall on (0: the configuration file). */
  revisionOf(hallId: string): number {
    return this.applied.get(hallId) ?? 0;
  }

  /** Put each hall's latest stored revision in place, then listen for edits. */
  async start(): Promise<void> {
    for (const hall of this.o.ctx.halls.all()) await this.load(hall.id);
    this.o.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.o.channel) return;
      const { hallId } = JSON.parse(message) as { hallId: string; revision: number };
      this.load(hallId).catch((err: unknown) => this.o.log?.(`[config] ${hallId}: could not load its configuration: ${err instanceof Error ? err.message : String(err)}`));
    });
    await this.o.subscriber.subscribe(this.o.channel);
  }

  close(): void {
    this.o.subscriber.disconnect();
  }

  /** An edit this hub stored: in place here now, in the other hubs on the message. */
  async publish(hallId: string, revision: number, config: HallConfig): Promise<void> {
    await this.put(hallId, revision, config);
    await this.o.publisher.publish(this.o.channel, JSON.stringify({ hallId, revision }));
  }

  private async load(hallId: string): Promise<void> {
    if (!this.o.ctx.halls.get(hallId)) return;
    const latest = await this.o.configs.latest(hallId);
    if (!latest || latest.revision <= this.revisionOf(hallId)) return;
    const halls = this.o.ctx.halls.all().map((h) => (h.id === hallId ? latest.config : h.config));
    const parsed = configSchema.safeParse({ halls });
    if (!parsed.success) {
      this.o.log?.(`[config] ${hallId}: revision ${latest.revision} does not parse (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); keeping revision ${this.revisionOf(hallId)}`);
      return;
    }
    const config = parsed.data.halls.find((h) => h.id === hallId)!;
    await this.put(hallId, latest.revision, config);
    this.o.log?.(`[config] ${hallId}: running revision ${latest.revision} (edited by ${latest.actorId} at ${new Date(latest.at).toISOString()}), not the configuration file`);
  }

  private async put(hallId: string, revision: number, config: HallConfig): Promise<void> {
    if (revision <= this.revisionOf(hallId)) return;
    this.o.ctx.halls.replace(config);
    this.applied.set(hallId, revision);
    // New windows exist in Redis (closed) before anyone signs in at them.
    await initHall(this.o.ctx, this.o.ctx.halls.get(hallId)!);
    this.o.onApplied?.(hallId, revision);
  }
}
