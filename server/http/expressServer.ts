/**
 * The hub's HTTP server for its express app, without express's prototype swap per request.
 *
 * Express gives every request and response its app's prototypes (app.request, app.response) with
 * Object.setPrototypeOf as the request enters the app (expressjs/express#5998). Changing an
 * object's prototype sends V8 down its slow paths: each request's objects outlive the young
 * generation (about 15 KB promoted to the old generation a request). `npm run bench:express`, 20,000
 * JSON POSTs 20 at a time: node's http alone 23,876 requests/s and 1 full collection, express on it
 * 7,041/s and 7, express on this server 14,684/s and none. In the hub that promotion was most of its
 * old generation's growth under API traffic, and so of its RSS (bench:fanout).
 *
 * Here node's server creates each request and response as an instance of a subclass of its own
 * IncomingMessage and ServerResponse (createServer's options for that) whose prototype inherits
 * the app's (set once, at start), and the app's prototypes become those subclasses' prototypes:
 * express's setPrototypeOf finds the prototype already in place, which changes nothing. The chain
 * stays express's own (sub-apps, methods added to express.request later, `req.app`).
 */
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

export function expressServer(app: Express): Server {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Express['request'];
  app.response = AppResponse.prototype as unknown as Express['response'];
  return createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}
