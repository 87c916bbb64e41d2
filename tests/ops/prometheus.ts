/** Reading Prometheus' text format in tests: the sample with exactly these labels (written here, not with prom-client). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[pair[1]!] = pair[2]!;
    const wanted = Object.entries(labels);
    if (wanted.every(([k, v]) => found[k] === v) && Object.keys(found).length === wanted.length) return Number(m[3]);
  }
  return undefined;
}
