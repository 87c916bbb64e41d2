import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { hallEvents, hallEventTypes, queueCount, rating, ticketView, windowView } from '../../server/events.js';

/** docs/events.md as `## <name>` sections, each with its Version line and its table's rows. */
function sections(markdown: string): Map<string, { version?: number; fields: Map<string, boolean> }> {
  const found = new Map<string, { version?: number; fields: Map<string, boolean> }>();
  for (const chunk of markdown.split(/^## /m).slice(1)) {
    const [heading = '', ...lines] = chunk.split('\n');
    const version = /^Version: (\d+)$/m.exec(chunk)?.[1];
    const fields = new Map<string, boolean>();
    // Table rows after the header and its |---| line: | field | type | required | meaning |
    for (const row of lines.filter((l) => l.startsWith('|')).slice(2)) {
      const cells = row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      fields.set(cells[0]!.replaceAll('`', ''), cells[2] === 'yes');
    }
    found.set(heading.trim(), { version: version === undefined ? undefined : Number(version), fields });
  }
  return found;
}

const fieldsOf = (schema: z.ZodObject) =>
  new Map(Object.entries(schema.shape).map(([name, field]) => [name, !field.safeParse(undefined).success]));

const doc = sections(readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8'));
const shapes = { Ticket: ticketView, Window: windowView, QueueCount: queueCount, Rating: rating };

describe('docs/events.md', () => {
  it('has a section for every event type and shape, and none for anything else', () => {
    expect([...doc.keys()].sort()).toEqual([...hallEventTypes, ...Object.keys(shapes)].sort());
  });

  it.each(hallEventTypes)('gives %s its version and exactly its fields, each required or not as the schema says', (type) => {
    const section = doc.get(type)!;
    expect(section.version).toBe(hallEvents[type].version);
    expect(section.fields).toEqual(fieldsOf(hallEvents[type].schema));
  });

  it.each(Object.entries(shapes))('gives the %s shape exactly its fields', (name, schema) => {
    expect(doc.get(name)!.fields).toEqual(fieldsOf(schema));
  });
});
