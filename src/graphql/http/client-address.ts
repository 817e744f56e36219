import type { IncomingMessage } from "node:http";
import type { Express, Request } from "express";

/**
 * Express's `trust proxy` setting from TRUST_PROXY: `false` trusts no proxy (the client is the
 * socket's peer), a number trusts that many hops of `X-Forwarded-For` in front of the server.
 */
export type TrustProxy = false | number;

/**
 * The client's address for a request express did not route (the WebSocket upgrade), by the same
 * rule as `req.ip` over HTTP: express's own `ip` getter (its `trust proxy` setting and proxy-addr)
 * run on a view of the request, so there is one implementation of "who is the client".
 */
export function clientAddressOf(app: Express): (request: IncomingMessage) => string {
  return (request) => {
    // app.request carries `app` (whose settings the getter reads) and express's request getters.
    const view = Object.create(app.request as object, {
      headers: { value: request.headers },
      socket: { value: request.socket },
      connection: { value: request.socket },
    }) as Request;
    return view.ip ?? "unknown";
  };
}
