import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import express from "express";
import {
  clientAddressOf,
  proxyTrust,
  type TrustProxy,
} from "../../../src/graphql/http/client-address";

/**
 * Who the client is, by TRUST_PROXY: proxyTrust's function decides, proxy-addr applies it to the
 * WebSocket upgrade (clientAddressOf) and express to req.ip, so both give the same answer; and
 * that answer is the one express gave for its own `trust proxy` setting of the same value.
 */

/** A request as the upgrade hands it over: headers and the socket, nothing of express's. */
function upgradeRequest(peer: string | undefined, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return { headers, socket: { remoteAddress: peer } as Socket } as IncomingMessage;
}

describe("proxyTrust", () => {
  it("false trusts no hop, not even the socket's peer", () => {
    const trust = proxyTrust(false);
    expect([0, 1, 2].map((hop) => trust("10.0.0.1", hop))).toEqual([false, false, false]);
  });

  it("N trusts the N nearest hops, whatever their address (express's rule for a number)", () => {
    const one = proxyTrust(1);
    const two = proxyTrust(2);
    expect([0, 1, 2, 3].map((hop) => one("203.0.113.7", hop))).toEqual([true, false, false, false]);
    expect([0, 1, 2, 3].map((hop) => two("203.0.113.7", hop))).toEqual([true, true, false, false]);
  });
});

describe("clientAddressOf", () => {
  it("false: the socket's peer, X-Forwarded-For ignored", () => {
    const address = clientAddressOf(proxyTrust(false));
    expect(address(upgradeRequest("10.0.0.1", "203.0.113.7"))).toBe("10.0.0.1");
    expect(address(upgradeRequest("10.0.0.1"))).toBe("10.0.0.1");
  });

  it("1 hop: the rightmost X-Forwarded-For entry (the one our proxy wrote)", () => {
    const address = clientAddressOf(proxyTrust(1));
    expect(address(upgradeRequest("10.0.0.1", "203.0.113.7"))).toBe("203.0.113.7");
    // A client straight at the server, with no proxy's header: its own address.
    expect(address(upgradeRequest("10.0.0.1"))).toBe("10.0.0.1");
  });

  it("2 hops: the second entry from the right", () => {
    const address = clientAddressOf(proxyTrust(2));
    expect(address(upgradeRequest("10.0.0.1", "203.0.113.7, 10.0.0.2"))).toBe("203.0.113.7");
    // Fewer entries than trusted hops: the leftmost there is.
    expect(address(upgradeRequest("10.0.0.1", "203.0.113.7"))).toBe("203.0.113.7");
  });

  it("never believes entries a client forged to the left of the trusted hops", () => {
    expect(
      clientAddressOf(proxyTrust(1))(upgradeRequest("10.0.0.1", "6.6.6.6, 7.7.7.7, 203.0.113.7")),
    ).toBe("203.0.113.7");
    expect(
      clientAddressOf(proxyTrust(2))(
        upgradeRequest("10.0.0.1", "6.6.6.6, 7.7.7.7, 203.0.113.7, 10.0.0.2"),
      ),
    ).toBe("203.0.113.7");
  });

  it('is "unknown" when the answer would be a closed socket\'s peer (it has no address)', () => {
    expect(clientAddressOf(proxyTrust(false))(upgradeRequest(undefined, "203.0.113.7"))).toBe(
      "unknown",
    );
    expect(clientAddressOf(proxyTrust(1))(upgradeRequest(undefined))).toBe("unknown");
    // A trusted hop is trusted by position, not address: the proxy's header still names the client.
    expect(clientAddressOf(proxyTrust(1))(upgradeRequest(undefined, "203.0.113.7"))).toBe(
      "203.0.113.7",
    );
  });
});

describe("the same client over HTTP (req.ip) as over the upgrade, and as express alone had it", () => {
  const servers: Server[] = [];

  afterAll(async () => {
    await Promise.all(
      servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  });

  /** An express app with `trust proxy` set to `setting`, answering what it makes of the client. */
  async function serve(setting: unknown, trust?: ReturnType<typeof proxyTrust>): Promise<string> {
    const app = express();
    app.set("trust proxy", setting);
    app.get("/", (req, res) => {
      res.json({ ip: req.ip, upgrade: trust && clientAddressOf(trust)(req) });
    });
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async function ask(url: string, forwardedFor: string): Promise<unknown> {
    const response = await fetch(url, { headers: { "x-forwarded-for": forwardedFor } });
    return response.json();
  }

  const headers = ["203.0.113.7", "6.6.6.6, 203.0.113.7", "6.6.6.6, 203.0.113.7, 10.0.0.2"];

  it.each<[TrustProxy, string[]]>([
    [false, ["127.0.0.1", "127.0.0.1", "127.0.0.1"]],
    [1, ["203.0.113.7", "203.0.113.7", "10.0.0.2"]],
    [2, ["203.0.113.7", "6.6.6.6", "203.0.113.7"]],
  ])("TRUST_PROXY=%s", async (setting, expected) => {
    const trust = proxyTrust(setting);
    const ours = await serve(trust, trust);
    const expressAlone = await serve(setting);
    for (const [i, header] of headers.entries()) {
      expect(await ask(ours, header)).toEqual({ ip: expected[i], upgrade: expected[i] });
      expect(await ask(expressAlone, header)).toEqual({ ip: expected[i] });
    }
  });
});
