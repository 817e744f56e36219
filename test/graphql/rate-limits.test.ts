import { getOperationAST, parse } from "graphql";
import pino from "pino";
import {
  operationCharge,
  RateLimitGate,
  type RateLimitDecision,
  type RateLimits,
} from "../../src/graphql/rate-limits";

function charge(source: string) {
  const document = parse(source);
  return operationCharge(document, getOperationAST(document)!);
}

describe("operationCharge", () => {
  it.each([
    ["{ bestiary { name } }", { budget: "query", points: 1 }],
    ["subscription { battleTurns(gameId: 1) { turn } }", { budget: "subscription", points: 1 }],
    [
      "mutation { attack(gameId: 1, weapon: BOMB) { game { id } } }",
      { budget: "mutation", points: 1 },
    ],
    ["mutation { startGame { playerToken } }", { budget: "startGame", points: 1 }],
    [
      "mutation { a: startGame { playerToken } b: startGame { playerToken } }",
      { budget: "startGame", points: 2 },
    ],
    [
      "mutation { ...F ... on Mutation { c: startGame { playerToken } } } fragment F on Mutation { startGame { playerToken } abandonGame(gameId: 1) }",
      { budget: "startGame", points: 2 },
    ],
    // A startGame below the root is not a root field (it cannot be, but the count must not look there).
    [
      "mutation { attack(gameId: 1, weapon: BOMB) { startGame: game { id } } }",
      { budget: "mutation", points: 1 },
    ],
  ])("%s costs %p", (source, expected) => {
    expect(charge(source)).toEqual(expected);
  });
});

describe("RateLimitGate", () => {
  const refuseAll: RateLimits = {
    consume: (): Promise<RateLimitDecision> =>
      Promise.resolve({ allowed: false, retryAfterSeconds: 7, points: 30, windowSeconds: 60 }),
  };

  function gateWithLog(limits: RateLimits) {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: "debug" },
      { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    return { gate: new RateLimitGate(limits, logger), lines };
  }

  it("answers a refusal with RATE_LIMITED, the budget and retryAfterSeconds; over HTTP also 429 and Retry-After", async () => {
    const { gate } = gateWithLog(refuseAll);
    const document = parse("mutation { startGame { playerToken } }");
    const operation = getOperationAST(document)!;

    const overHttp = await gate.checkOperation(document, operation, "1.2.3.4", "http");
    expect(overHttp?.message).toBe(
      "Rate limited: too many startGame calls from this client (the startGame budget allows 30 per 60 s). Retry in 7 s.",
    );
    const http = overHttp?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect([...http.headers]).toEqual([["retry-after", "7"]]);
    expect(overHttp?.extensions).toMatchObject({
      code: "RATE_LIMITED",
      budget: "startGame",
      retryAfterSeconds: 7,
    });

    const overWs = await gate.checkOperation(document, operation, "1.2.3.4", "websocket");
    expect(overWs?.extensions).toEqual({
      code: "RATE_LIMITED",
      budget: "startGame",
      retryAfterSeconds: 7,
    });
  });

  it("logs a flood of refusals at warn once, the rest at debug", async () => {
    const { gate, lines } = gateWithLog(refuseAll);
    const document = parse("{ bestiary { name } }");
    for (let i = 0; i < 50; i++) {
      await gate.checkOperation(document, getOperationAST(document)!, "1.2.3.4", "http");
    }
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    expect(lines.filter((l) => l.level === 20)).toHaveLength(49);
  });

  it("lets the operation run when the limits fail unexpectedly", async () => {
    const { gate, lines } = gateWithLog({ consume: () => Promise.reject(new Error("boom")) });
    const document = parse("{ bestiary { name } }");
    expect(
      await gate.checkOperation(document, getOperationAST(document)!, "1.2.3.4", "http"),
    ).toBeUndefined();
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
  });
});
