/**
 * A socket.io wire parser for the bench's screens (socket.io-client's `parser` option). It reads
 * the same protocol as the stock one, with one shortcut: a hall event is not JSON-parsed whole;
 * its id, type, time, hall and window are read from the text. The stock parser spends a quarter
 * of a screen process's CPU in JSON.parse; 2,000 simulated screens on the hub's own machine
 * would otherwise take that CPU from the hub (a real screen parses on its own device).
 * Only what the bench receives is supported: no binary packets, default namespace.
 */

/** What a screen needs of a hall event (a HallEvent's fields by those names), and its text. */
export interface EventGist {
  id: number;
  type: string;
  at: number;
  hallId: string;
  /** The window the event is about (event.window.id), when it has one. */
  windowId?: string;
  /** The event's JSON, for whoever needs all of it. */
  text: string;
}

type Packet = { type: number; nsp: string; data?: unknown; id?: number };
type Listener = (packet: Packet) => void;

// A socket.io EVENT packet named "event" (engine.io has already taken off its own type, "4").
const EVENT_PREFIX = '2["event",';

const numberField = (text: string, name: string): number => {
  const key = `"${name}":`;
  let at = text.indexOf(key);
  // Skip string values of the same name (ids of tickets and windows are strings).
  while (at >= 0 && text.charCodeAt(at + key.length) === 34) at = text.indexOf(key, at + key.length);
  if (at < 0) return NaN;
  let n = 0;
  for (let i = at + key.length, c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + (c - 48);
  return n;
};
const stringField = (text: string, name: string, from = 0): string | undefined => {
  const key = `"${name}":"`;
  const at = text.indexOf(key, from);
  if (at < 0) return undefined;
  const start = at + key.length;
  return text.slice(start, text.indexOf('"', start));
};

/**
 * The gist of an event from its JSON text. Top-level `id` and `at` are the only numeric fields
 * by those names (ticket and window ids are strings; times are `calledAt` and the like).
 */
export function eventGist(text: string): EventGist {
  const win = text.indexOf('"window":{');
  return {
    text,
    id: numberField(text, 'id'),
    at: numberField(text, 'at'),
    type: stringField(text, 'type') ?? '',
    hallId: stringField(text, 'hallId') ?? '',
    windowId: win >= 0 ? stringField(text, 'id', win) : undefined,
  };
}

class Decoder {
  private listeners: Listener[] = [];

  on(event: string, fn: Listener): this {
    if (event === 'decoded') this.listeners.push(fn);
    return this;
  }

  off(event?: string, fn?: Listener): this {
    this.listeners = event && fn ? this.listeners.filter((l) => l !== fn) : [];
    return this;
  }

  add(chunk: unknown): void {
    if (typeof chunk !== 'string') throw new Error('binary packets are not supported by the bench parser');
    const packet: Packet = chunk.startsWith(EVENT_PREFIX)
      ? { type: 2, nsp: '/', data: ['event', eventGist(chunk.slice(EVENT_PREFIX.length, -1))] }
      : decode(chunk);
    for (const l of this.listeners) l(packet);
  }

  destroy(): void {
    this.listeners = [];
  }
}

/** `<type>[<ack id>][<json>]`, default namespace only. */
function decode(text: string): Packet {
  const type = Number(text[0]);
  let i = 1;
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
  const id = i > 1 ? Number(text.slice(1, i)) : undefined;
  const rest = text.slice(i);
  return { type, nsp: '/', ...(id !== undefined ? { id } : {}), ...(rest ? { data: JSON.parse(rest) } : {}) };
}

class Encoder {
  encode(packet: Packet): string[] {
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    return [`${packet.type}${nsp}${packet.id ?? ''}${packet.data !== undefined ? JSON.stringify(packet.data) : ''}`];
  }
}

export const screenParser = { Encoder, Decoder };
