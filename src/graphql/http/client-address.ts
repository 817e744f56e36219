import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/**
 * Express's `trust proxy` setting from TRUST_PROXY: `false` trusts no proxy (the client is the
 * socket's peer), a number trusts that many hops of `X-Forwarded-For` in front of the server.
 */
export type TrustProxy = false | number;

/**
 * proxy-addr's trust function: whether the address `hop` steps from the server (0 is the socket's
 * peer, 1 the rightmost `X-Forwarded-For` entry, and so on) is a proxy whose word is believed.
 */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The one rule of who the client is, compiled from TRUST_PROXY: given to express as its
 * `trust proxy` setting (it documents taking a function, used as is for `req.ip`) and to
 * {@link clientAddressOf} for the WebSocket upgrade, so both transports see the same client.
 * A number N means what express makes of one (`(address, hop) => hop < N`): the N nearest hops
 * are proxies, so the client is at most N entries from the right of `X-Forwarded-For`, and
 * whatever a client writes further left is never read.
 */
export function proxyTrust(setting: TrustProxy): ProxyTrust {
  if (setting === false) return () => false;
  const hops = setting;
  return (_address, hop) => hop < hops;
}

/**
 * The client's address for a request express did not route (the WebSocket upgrade): proxy-addr,
 * the same code as express's `req.ip`, with the same trust function.
 */
export function clientAddressOf(trust: ProxyTrust): (request: IncomingMessage) => string {
  return (request) => {
    // Undefined when the answer is a closed socket's peer (it has no address), though
    // proxy-addr's type does not say so.
    const address: string | undefined = proxyaddr(request, trust);
    return address ?? "unknown";
  };
}
