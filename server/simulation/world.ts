/** What the simulator's actors (a hall's arrivals, each staffed window) share. */
import type { CommandContext } from '../commands/context.js';
import type { Hall } from '../domain/hall.js';
import type { WindowView } from '../protocol.js';
import type { Recorder } from './recorder.js';

export interface Actor {
  /** Short name in the trace: the hall id for arrivals, the window id for a window. */
  readonly name: string;
  /** Run one step that came due at virtual minute `at`. `gen` tells a step that was superseded. */
  act(kind: string, at: number, gen: number): Promise<void>;
  /** The step threw (Redis unreachable, a bug): get back on track later instead of going quiet. */
  failed(at: number): void;
}

export interface World {
  readonly ctx: CommandContext;
  readonly rec: Recorder;
  readonly seed: number | string;
  schedule(at: number, actor: Actor, kind: string, gen?: number): void;
  /** Idle windows that can call a ticket of `serviceId` (or the window `windowId`) look now. */
  wake(hallId: string, at: number, target: { serviceId?: string; windowId?: string }): void;
  /** Will the citizen holding this ticket never come? (Decided when the simulator issued it.) */
  isAbsent(ticketId: string): boolean | undefined;
  /** Staffed windows of a hall (never the ones left to people): transfer targets. */
  staffedWindows(hallId: string): readonly string[];
  /** Services citizens come for in a hall, with their expected tickets a day. */
  mixOf(hallId: string): readonly { id: string; perDay: number }[];
  /** Reserve a staffer to cover a window as B post; false when they are needed elsewhere. */
  claimCover(hall: Hall, staffId: string, windowId: string): Promise<boolean>;
  releaseCover(staffId: string): void;
  /** One window as it stands in the store. */
  peekWindow(hall: Hall, windowId: string): Promise<WindowView | undefined>;
}
