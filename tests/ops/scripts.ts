import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The SHA1 of every script as Redis names it, computed here from the files, not by the hub. */
export function scriptShas(): string[] {
  const dirLua = 'server/store/lua';
  const lib = readFileSync(join(dirLua, '_lib.lua'), 'utf8');
  const mutate = readFileSync(join(dirLua, '_mutate.lua'), 'utf8');
  // Read and maintenance scripts (no event, no request id) are _lib.lua + body; the rest also _mutate.lua.
  const reads = new Set(['snapshot', 'init_windows', 'position', 'waiting', 'restore', 'printer_status', 'print_lease']);
  return readdirSync(dirLua)
    .filter((f) => f.endsWith('.lua') && !f.startsWith('_'))
    .map((f) => {
      const name = f.replace(/\.lua$/, '');
      const body = readFileSync(join(dirLua, f), 'utf8');
      const source = reads.has(name) ? `${lib}\n${body}` : `${lib}\n${mutate}\n${body}`;
      return createHash('sha1').update(source).digest('hex');
    });
}

