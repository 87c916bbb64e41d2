/**
 * A client's request id belongs to whoever sent it. The hub keeps the first answer of each id for
 * 48 h (server/store/lua/_mutate.lua) under the operation, the caller and the id, so a second
 * caller that sends the same id — by mistake, or having seen it — makes its own request and never
 * receives the first caller's answer (a ticket with its track token, a cancel, a rating).
 *
 * Callers are named by what authenticates them: a staff session's staffer, a paired device, or
 * the holder of a ticket's secret (track or rate token; only a digest of it goes into the key).
 */
import { createHash } from 'node:crypto';

/** Staff and devices: the transport names them (server/auth/principals.ts callerOf). */
export type Caller = string;

/** The holder of a citizen's secret: whoever can show the ticket's track or rate token. */
export const holderOf = (secret: string): Caller => `holder:${createHash('sha256').update(secret).digest('base64url').slice(0, 16)}`;

/** The id as kept: scoped to its caller. Undefined when the client sent none (nothing is kept). */
export const scopedRequestId = (caller: Caller, requestId: string | undefined): string | undefined =>
  requestId === undefined ? undefined : `${caller}:${requestId}`;
