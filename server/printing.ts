/**
 * The hub's printing extension: a ticket issued at a kiosk becomes a print job for the printer
 * beside that kiosk (the hall configuration's `kiosks`), and every printer's state is kept in
 * Redis and pushed to the hall's screens.
 *
 * Layout, transports and the job itself are printer/ and server/jobs/print*.ts (docs/printing.md);
 * this file only connects them to the hub: which kiosk, which printer, which tracker address,
 * where the status goes. Guarantees (tests/hub/kiosk-printing.test.ts):
 *   - one ticket, one print job, whatever the number of taps or resent requests (the job id is
 *     the ticket's);
 *   - a printer that is off or out of paper is retried until it prints (the worker's backoff),
 *     and meanwhile its kiosk and the managers see why;
 *   - when it is back, it prints what it owes in the order of issue, only tickets still waiting,
 *     marked 补打 with the position now (server/domain/ticketPrinting.ts); a ticket whose printing
 *     a dead hub left unfinished is never printed again unmarked (tests/faults/reprint.test.ts).
 */
import { UnrecoverableError, type Worker } from 'bullmq';
import { createTransport, describeStatus, type PrinterStatus, type PrinterTransport, type TicketPrint } from '../printer/index.js';
import type { Principal } from './auth/principals.js';
import type { CommandContext } from './commands/context.js';
import type { KioskConfig } from './config.js';
import type { Hall } from './domain/hall.js';
import type { IssuePrint } from './http/routes/tickets.js';
import type { PrintBackoff, PrintJobData } from './jobs/printJob.js';
import { createPrintQueue, type PrintQueue } from './jobs/printQueue.js';
import { startPrintWorker } from './jobs/printWorker.js';
import type { KioskPrinterView, TicketView } from './protocol.js';
import { bullPrefix } from './store/keys.js';
import { printDecision, type PrintClaim } from './domain/ticketPrinting.js';
import { PrintLedger } from './store/printLedger.js';
import type { PrinterStatusKept } from './store/hallStore.js';
import { log } from './log.js';
import { bullConnection, type RedisTarget } from './store/redisClient.js';

export interface PrintingOptions {
  /** Run the print worker in this hub. Default: when a kiosk of the configuration has a printer. */
  worker?: boolean;
  /** Waits between attempts at an unready printer (default 1 s doubling to 30 s). */
  backoff?: PrintBackoff;
  /** How long a worker holds a kiosk's printer without renewing it (default 30 s; tests shorten it). */
  leaseMs?: number;
}

interface PrintingDeps {
  ctx: CommandContext;
  /** What each kiosk's printer still owes (shared by every hub). */
  ledger: PrintLedger;
  /** A redis:// URL or a cluster (server/store/redisClient.ts). */
  redisUrl: RedisTarget;
  keyPrefix: string;
  /** Where citizens' phones reach the hub: the ticket's QR code points there. */
  publicUrl: () => string;
  /** Tell a hall's live clients (kiosks, dashboards) that a printer changed state. */
  announce: (hallId: string, printer: KioskPrinterView) => void;
}

/** Printed above the number (the screen's strings live in display/lib/i18n; this is paper). */
const PRINTED_PRIORITY = { priority: '绿色通道', appointment: '预约' } as const;
const DEFAULT_FOOTER = '请留意叫号与屏幕提示，过号请到咨询导办台。本票当日有效。';
/** A kept status outlives any gap in printing; a kiosk removed from the file leaves no key forever. */
const STATUS_TTL_SECONDS = 30 * 86400;

/** The tracker address printed as the ticket's QR code; `/t/:ticketId` redirects to the page. */
export const trackUrl = (publicUrl: string, ticketId: string, trackToken: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketId)}?k=${encodeURIComponent(trackToken)}`;

/** A printer's state, as one word the kiosk and the dashboard act on. */
export function printerState(status: PrinterStatus): KioskPrinterView['state'] {
  if (status.paperOut) return 'paperOut';
  if (status.coverOpen) return 'coverOpen';
  if (!status.online) return 'offline';
  if (status.error) return 'error';
  return 'ready';
}

export class Printing {
  private readonly kiosks = new Map<string, { hall: Hall; kiosk: KioskConfig }>();
  private readonly transports = new Map<string, PrinterTransport>();
  private readonly queue: PrintQueue | undefined;
  private readonly worker: Worker<PrintJobData> | undefined;
  private readonly ledger: PrintLedger;
  private readonly bull: ReturnType<typeof bullConnection> | undefined;

  constructor(
    private readonly deps: PrintingDeps,
    options: PrintingOptions = {},
  ) {
    for (const hall of deps.ctx.halls.all()) for (const kiosk of hall.config.kiosks) this.kiosks.set(kiosk.id, { hall, kiosk });
    this.ledger = deps.ledger;
    const printers = [...this.kiosks.values()].some((k) => k.kiosk.printer);
    if (!printers) return;
    this.bull = bullConnection(deps.redisUrl);
    const { connection } = this.bull;
    const prefix = bullPrefix(deps.keyPrefix);
    this.queue = createPrintQueue({ connection, prefix });
    if (options.worker !== false) {
      this.worker = startPrintWorker({
        connection,
        prefix,
        transportFor: (kioskId) => this.transportFor(kioskId),
        onStatus: (kioskId, status) => this.record(kioskId, status),
        backlog: {
          ledger: this.ledger,
          hallOf: (kioskId) => this.kiosks.get(kioskId)?.hall.id,
          prepare: (hallId, ticketId, ticket, claim) => this.prepare(hallId, ticketId, ticket, claim),
          ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
        },
        ...(options.backoff ? { backoff: options.backoff } : {}),
      });
    }
  }

  /** The kiosk's configuration, when the file names it. */
  kiosk(kioskId: string): { hall: Hall; kiosk: KioskConfig } | undefined {
    return this.kiosks.get(kioskId);
  }

  /** TicketHooks.issued: a kiosk's ticket goes to its printer; anyone else's (a manager's) prints nothing. */
  readonly issued = async (issued: { hall: Hall; principal: Principal; ticket: TicketView; ahead: number; trackToken: string }): Promise<IssuePrint | undefined> => {
    const { principal, hall, ticket } = issued;
    if (principal.kind !== 'device' || principal.device !== 'kiosk') return undefined;
    const kioskId = principal.kioskId ?? '';
    const known = this.kiosks.get(kioskId);
    const url = trackUrl(this.deps.publicUrl(), ticket.id, issued.trackToken);
    if (!this.queue || !known?.kiosk.printer || known.hall.id !== hall.id) {
      return { queued: false, trackUrl: url, printer: await this.printer(kioskId, hall.id) };
    }
    const service = hall.services.get(ticket.serviceId);
    const print: TicketPrint = {
      hallName: hall.config.name,
      number: ticket.number,
      serviceName: service?.name ?? ticket.serviceId,
      ahead: issued.ahead,
      issuedAt: ticket.issuedAt,
      timeZone: hall.config.timeZone,
      trackUrl: url,
      footer: known.kiosk.footer ?? DEFAULT_FOOTER,
      paperWidth: known.kiosk.printer.paperWidth,
      ...(ticket.priority !== 'normal' ? { priorityLabel: PRINTED_PRIORITY[ticket.priority] } : {}),
    };
    // The kiosk's backlog first (the order of printing), then the job that prints it. Adding a
    // job whose id (the ticket's) exists does nothing: a repeated request prints once.
    await this.ledger.add(hall.id, kioskId, ticket.id, print);
    await this.queue.enqueue({ ticketId: ticket.id, kioskId, ticket: print });
    return { queued: true, trackUrl: url, printer: await this.printer(kioskId, hall.id) };
  };

  /** A kiosk's printer as last reported. `hallId` names the hall of a kiosk the file does not list. */
  async printer(kioskId: string, hallId?: string): Promise<KioskPrinterView> {
    const known = this.kiosks.get(kioskId);
    const hall = known?.hall.id ?? hallId ?? '';
    const base = { kioskId, hallId: hall, name: known?.kiosk.name ?? kioskId };
    if (!known?.kiosk.printer) return { ...base, state: 'none' };
    const raw = await this.deps.ctx.store.printerStatus(hall, kioskId);
    if (!raw) return { ...base, state: 'unknown' };
    return { ...base, ...(JSON.parse(raw) as Omit<KioskPrinterView, 'kioskId' | 'hallId' | 'name'>) };
  }

  /** Every kiosk of a hall with its printer's state. */
  printers(hallId: string): Promise<KioskPrinterView[]> {
    const ids = [...this.kiosks.values()].filter((k) => k.hall.id === hallId).map((k) => k.kiosk.id);
    return Promise.all(ids.map((id) => this.printer(id)));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.bull?.close();
  }

  /** A ticket of the backlog as it prints now: as issued, marked 补打 with the position now, or not at all. */
  private async prepare(hallId: string, ticketId: string, ticket: TicketPrint, claim: PrintClaim): Promise<TicketPrint | null> {
    const hall = this.deps.ctx.halls.get(hallId);
    if (!hall) return null;
    const now = this.deps.ctx.clock();
    const found = await this.deps.ctx.store.position(hallId, ticketId, hall, now);
    const decision = printDecision({ claim, status: found?.ticket.status ?? null, issuedAt: ticket.issuedAt, now });
    if (!decision.print) {
      if (decision.why === 'no_longer_waiting') log().warn({ ticketId, status: found?.ticket.status ?? 'gone' }, `print: ${ticketId} not printed: ${found?.ticket.status ?? 'gone'} before its printer could print it`);
      return null;
    }
    if (!decision.reprint) return ticket;
    return { ...ticket, ahead: found?.ahead ?? ticket.ahead, reprint: { printedAt: now } };
  }

  private transportFor(kioskId: string): PrinterTransport {
    let transport = this.transports.get(kioskId);
    if (!transport) {
      const printer = this.kiosks.get(kioskId)?.kiosk.printer;
      // A job left by a kiosk since removed from the file: nowhere to print, and never will be.
      if (!printer) throw new UnrecoverableError(`kiosk ${kioskId} has no printer in the configuration`);
      transport = createTransport(printer);
      this.transports.set(kioskId, transport);
    }
    return transport;
  }

  /** The worker's onStatus: keep the latest state per kiosk, and tell the hall. */
  private async record(kioskId: string, status: PrinterStatus): Promise<void> {
    const known = this.kiosks.get(kioskId);
    if (!known) return;
    const state = printerState(status);
    const detail = state !== 'ready' ? (status.error ?? describeStatus(status)) : undefined;
    // `at` is when the printer entered this state: "offline since 10:02".
    const kept: PrinterStatusKept = {
      state,
      ...(status.paperNearEnd ? { paperNearEnd: true } : {}),
      ...(detail ? { detail } : {}),
      at: this.deps.ctx.clock(),
    };
    // Kept and announced once per change, across hubs: a printer failing every retry, on whichever
    // hub's worker, is written and announced once (the store compares with the state it keeps).
    if (!(await this.deps.ctx.store.savePrinterStatus(known.hall.id, kioskId, kept, STATUS_TTL_SECONDS))) return;
    log()[state === 'ready' ? 'info' : 'warn']({ kioskId, hallId: known.hall.id, state, detail }, detail ? `printer ${kioskId}: ${detail}` : `printer ${kioskId}: ready again`);
    this.deps.announce(known.hall.id, { kioskId, hallId: known.hall.id, name: known.kiosk.name, ...kept });
  }
}
