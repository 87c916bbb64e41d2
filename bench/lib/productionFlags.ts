/**
 * The node flags production starts the hub with: those of package.json's `start:prod`, read from
 * there so that the bench runs the hub as production does and cannot drift from it.
 */
import { readFileSync } from 'node:fs';

export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...rest] = pkg.scripts['start:prod']!.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`package.json start:prod runs "${command}", not node: the bench cannot read its flags`);
  return rest.filter((w) => w.startsWith('--'));
}
