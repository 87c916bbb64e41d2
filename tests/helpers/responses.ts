/**
 * One shape per thing on the wire: every response the API tests receive is checked against the
 * schema its route declares (server/http/route.ts DeclaredRoute, the same schemas the OpenAPI
 * document is generated from). A field the schema does not name fails too: zod drops unnamed keys
 * when it parses, so the parsed value differs from what was sent.
 */
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { errorStatuses, type DeclaredRoute } from '../../server/http/route.js';
import { errorSchema } from '../../server/http/schemas.js';

/** /api/halls/{hallId}/state matches /api/halls/t1/state. */
const pattern = (path: string): RegExp => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);

/** The keys `sent` has and `kept` lacks, as paths: what the schema does not document. */
function extraKeys(sent: unknown, kept: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((v, i) => extraKeys(v, kept[i], `${at}[${i}]`));
  if (sent && typeof sent === 'object' && kept && typeof kept === 'object') {
    return Object.entries(sent).flatMap(([k, v]) => (k in kept ? extraKeys(v, (kept as Record<string, unknown>)[k], `${at}.${k}`) : [`${at}.${k}`]));
  }
  return [];
}

function conform(schema: z.ZodType, body: unknown, where: string): void {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${where}: the response does not match its declared schema: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${JSON.stringify(body)}`);
  const kept: unknown = JSON.parse(JSON.stringify(r.data ?? null));
  if (!isDeepStrictEqual(kept, body ?? null)) throw new Error(`${where}: the response has fields its schema does not document: ${extraKeys(body, kept).join(', ') || JSON.stringify(body)}`);
}

/** Throws when a response is not what its route declares. Paths outside /api (pages, the QR redirect) are not the API's. */
export function checkResponse(routes: readonly DeclaredRoute[], method: string, url: string, status: number, body: unknown): void {
  const path = new URL(url, 'http://hub').pathname;
  if (!path.startsWith('/api/') || path === '/api/openapi.json') return;
  const route = routes.find((r) => r.method === method.toLowerCase() && pattern(r.path).test(path));
  const where = `${method} ${route?.path ?? path} → ${status}`;
  const declared = route?.responses[status];
  if (declared?.schema) return conform(declared.schema, body, where);
  if (declared) {
    if (body !== undefined && body !== '') throw new Error(`${where}: declared without a body, answered ${JSON.stringify(body)}`);
    return;
  }
  // Every route answers errors in one shape; an unknown path is a 404 in that shape too.
  if ((errorStatuses as readonly number[]).includes(status)) return conform(errorSchema, body, where);
  throw new Error(`${where}: a status the route does not declare`);
}
