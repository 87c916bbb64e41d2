/**
 * A route is declared once: its schemas validate the request and describe it in the OpenAPI
 * document. The chain for every route: authenticate → validate → handler (authorise → command →
 * present). An error anywhere answers with a clear JSON error and changes nothing.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/principals.js';
import type { Refusal, RefusalReason } from '../protocol.js';
import { errorSchema } from './schemas.js';
import { asError, log } from '../log.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; detail?: string; attemptsLeft?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

const notFound: RefusalReason[] = ['unknown_hall', 'unknown_service', 'unknown_window', 'unknown_ticket', 'unknown_staff', 'unknown_alert'];
const forbidden: RefusalReason[] = ['not_signed_in', 'not_your_post', 'wrong_window'];

const refusalText: Record<RefusalReason, string> = {
  unknown_hall: 'no such hall',
  unknown_service: 'no such service',
  unknown_window: 'no such window',
  unknown_ticket: 'no such ticket',
  unknown_staff: 'no such staff member',
  unknown_alert: 'no such alert (alerts are kept three days)',
  not_working_day: 'the hall does not work today',
  outside_hours: 'outside the service’s issuing hours',
  cap_reached: 'the service’s daily number of tickets is reached',
  window_closed: 'the window is closed',
  window_paused: 'the window is paused',
  window_busy: 'the window has a ticket to finish first',
  no_current_ticket: 'the window has no current ticket',
  not_signed_in: 'you are not signed in at this window',
  staff_away: 'you are away: resume first',
  signed_in_elsewhere: 'you are signed in at another window',
  post_taken: 'someone else holds this post now',
  not_your_post: 'this post is not yours',
  bad_state: 'the ticket’s state does not allow this',
  same_window: 'a ticket cannot be transferred to its own window',
  already_rated: 'this ticket has been rated already: a rating is given once',
  reason_required: 'a bad review (level 1 or 2) needs at least one reason from the hall’s list',
  unknown_reason: 'the reason is not in the hall’s list of rating reasons',
  wrong_window: 'this device belongs to another window',
  request_id_reused: 'this request id was used for another request: send a new id for a new request',
  no_show_too_early: 'too early for a no-show: the hall’s rules want more time after the call, or a recall first (detail: seconds left, or "recall")',
};

/** A refusal from a command as an HTTP error: 404 for unknown ids, 403 for the wrong person, 422 for a reused request id, else 409. */
export function refusalError(r: Refusal): HttpError {
  const status = notFound.includes(r.reason) ? 404 : forbidden.includes(r.reason) ? 403 : r.reason === 'request_id_reused' ? 422 : 409;
  return new HttpError(status, r.reason, refusalText[r.reason], r.detail ? { detail: r.detail } : {});
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Send `body` (a string or a Buffer) as is with this type instead of JSON (a CSV or xlsx export). */
  contentType?: string;
  /** Offer it as a download under this name. */
  filename?: string;
}

interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  req: Request;
}

export interface RouteSpec<P, Q, B> {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI form: /halls/{hallId}/state */
  path: string;
  summary: string;
  tag: string;
  /** "token": a bearer token is required (401 without a valid one). */
  auth: 'none' | 'token';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The body is a file of one of these types, not JSON (an evidence photo): documented as binary, read by the handler. */
  upload?: { mediaTypes: readonly string[]; description: string };
  /** `schema`: a JSON body; `mediaType`: a file of that type (an export), described as binary. */
  responses: Record<number, { description: string; schema?: z.ZodType; mediaType?: string }>;
  handler: (input: Input<P, Q, B>) => Promise<Reply>;
}

export type Authenticate = (req: Request) => Promise<Principal | null>;

/** A route as declared: what the tests check every response against (tests/helpers/responses.ts). */
export interface DeclaredRoute {
  method: RouteSpec<unknown, unknown, unknown>['method'];
  /** OpenAPI form, under /api: /api/halls/{hallId}/state */
  path: string;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

/** The error statuses every route may answer, all with errorSchema (see addRoute's document). */
export const errorStatuses = [400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 503] as const;

/** The token of an `Authorization: Bearer …` header. */
export const bearer = (req: Request): string | undefined => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
};

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join('.');
  throw new HttpError(400, 'bad_request', `${field}: ${issue.message}`, { field });
}

export function addRoute<P, Q, B>(router: Router, registry: OpenAPIRegistry, authenticate: Authenticate, spec: RouteSpec<P, Q, B>): void {
  const errors: Record<number, string> = { 400: 'invalid input (the field is named)', 404: 'unknown id' };
  if (spec.auth === 'token') Object.assign(errors, { 401: 'no valid token', 403: 'not allowed for this token' });
  registry.registerPath({
    method: spec.method,
    path: `/api${spec.path}`,
    summary: spec.summary,
    tags: [spec.tag],
    security: spec.auth === 'token' ? [{ bearer: [] }] : [],
    request: {
      params: spec.params as z.ZodObject | undefined,
      query: spec.query as z.ZodObject | undefined,
      body: spec.body
        ? { content: { 'application/json': { schema: spec.body } } }
        : spec.upload
          ? { description: spec.upload.description, content: Object.fromEntries(spec.upload.mediaTypes.map((t) => [t, { schema: { type: 'string' as const, format: 'binary' } }])) }
          : undefined,
    },
    // A route's own description of an error code (the login's 401, 409, 429) replaces the generic one.
    responses: {
      ...Object.fromEntries(Object.entries(errors).map(([code, d]) => [code, { description: d, content: { 'application/json': { schema: errorSchema } } }])),
      409: { description: 'the state does not allow it (the reason is named)', content: { 'application/json': { schema: errorSchema } } },
      ...(spec.method === 'post' ? { 422: { description: 'request_id_reused: this caller sent the request id before with another request', content: { 'application/json': { schema: errorSchema } } } } : {}),
      ...Object.fromEntries(
        Object.entries(spec.responses).map(([code, r]) => [
          code,
          {
            description: r.description,
            ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}),
            ...(r.mediaType ? { content: { [r.mediaType]: { schema: { type: 'string' as const, format: 'binary' } } } } : {}),
          },
        ]),
      ),
    },
  });
  const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
  router[spec.method](expressPath, async (req: Request, res: Response) => {
    try {
      const principal = await authenticate(req);
      if (spec.auth === 'token' && !principal) throw new HttpError(401, 'unauthorized', 'a valid token is required');
      const input = {
        params: parse(spec.params, req.params, 'params'),
        query: parse(spec.query, req.query, 'query'),
        body: parse(spec.body, req.body, 'body'),
        principal,
        req,
      };
      const reply = await spec.handler(input);
      if (reply.filename) res.attachment(reply.filename);
      if (reply.contentType) res.status(reply.status).type(reply.contentType).send(reply.body);
      else if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    } catch (err) {
      sendError(res, err);
    }
  });
}

// ioredis gives up on a command after its retries while Redis is away (restart, network).
const storeUnavailable = (err: unknown): boolean =>
  err instanceof Error &&
  (err.name === 'MaxRetriesPerRequestError' || /Connection is closed|ECONNREFUSED|ECONNRESET|LOADING|READONLY/.test(err.message));

export function sendError(res: Response, err: unknown): void {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.code, message: err.message, ...err.extra });
    return;
  }
  if (storeUnavailable(err)) {
    res.status(503).set('Retry-After', '2').json({ error: 'unavailable', message: 'the hall’s store is not answering: retry with the same requestId, which is safe' });
    return;
  }
  log().error({ err: asError(err) }, 'unexpected error');
  res.status(500).json({ error: 'internal', message: 'unexpected error: retry with the same requestId, which is safe' });
}
