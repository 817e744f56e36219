/**
 * ServerMetrics' labels stay bounded whatever a client sends: the operation is a root field of
 * the schema or "other", the code a known one or "OTHER"; and each instance has its own registry.
 */
import { buildSchema, getOperationAST, parse } from "graphql";
import { OTHER_CODE, ServerMetrics, outcomeCode } from "../../src/graphql/server-metrics";

const schema = buildSchema(`
  type Query { game(id: ID): Int, bestiary: [Int] }
  type Mutation { attack: Int, startGame: Int }
`);

function metrics(): ServerMetrics {
  const m = new ServerMetrics();
  m.useSchema(schema);
  return m;
}

const label = (m: ServerMetrics, query: string, operationName?: string) =>
  m.operationLabel(getOperationAST(parse(query), operationName));

describe("ServerMetrics", () => {
  it("labels an operation by its one root field, never by the client's operation name", () => {
    const m = metrics();
    expect(label(m, "query AnyNameAtAll { bestiary }")).toBe("bestiary");
    expect(label(m, "mutation { a: attack b: attack __typename }")).toBe("attack");
    expect(label(m, "query A { game } mutation B { startGame }", "B")).toBe("startGame");
  });

  it('labels anything else "other": no root field, several, unknown ones, fragments', () => {
    const m = metrics();
    expect(label(m, "{ __typename }")).toBe("other");
    expect(label(m, "{ game bestiary }")).toBe("other");
    expect(label(m, "{ notInTheSchema }")).toBe("other");
    expect(label(m, "{ ...F } fragment F on Query { game }")).toBe("other");
    expect(m.operationLabel(undefined)).toBe("other");
  });

  it("keeps known codes, OK without errors, and OTHER for anything else", () => {
    expect(outcomeCode(undefined)).toBe("OK");
    expect(outcomeCode([])).toBe("OK");
    expect(outcomeCode([{ message: "x", extensions: { code: "RATE_LIMITED" } }])).toBe(
      "RATE_LIMITED",
    );
    expect(outcomeCode([{ message: "x", extensions: { code: "MADE_UP_BY_SOMEONE" } }])).toBe(
      OTHER_CODE,
    );
    expect(outcomeCode([{ message: "x" }])).toBe(OTHER_CODE);
  });

  it("counts a mutation refused in its payload under its first userErrors code", () => {
    const refused = (...codes: string[]) => ({
      attack: { game: null, userErrors: codes.map((code) => ({ code, field: null, message: "" })) },
    });
    expect(outcomeCode(undefined, refused("GAME_OVER", "CONFLICT"))).toBe("GAME_OVER");
    expect(outcomeCode([], refused())).toBe("OK");
    expect(outcomeCode(undefined, refused("NOT_A_CODE"))).toBe(OTHER_CODE);
    expect(outcomeCode(undefined, { game: { id: "g", turn: 3 } })).toBe("OK");
    expect(outcomeCode(undefined, null)).toBe("OK");
    // An error outranks the payload.
    expect(
      outcomeCode([{ message: "x", extensions: { code: "RATE_LIMITED" } }], refused("CONFLICT")),
    ).toBe("RATE_LIMITED");
  });

  it("derives rate-limit and store-error counts from the outcome code, per registry", async () => {
    const one = metrics();
    const two = metrics();
    one.record("http", "startGame", "RATE_LIMITED", 0.001);
    one.record("ws", "attack", "STORE_FULL", 0.002);
    const text = await one.registry.metrics();
    expect(text).toContain('dwemthy_rate_limited_total{transport="http"} 1');
    expect(text).toContain('dwemthy_store_errors_total{transport="ws",code="STORE_FULL"} 1');
    expect(text).toContain(
      'dwemthy_graphql_requests_total{transport="http",operation="startGame",code="RATE_LIMITED"} 1',
    );
    const other = await two.registry.metrics();
    expect(other).toContain('dwemthy_rate_limited_total{transport="http"} 0');
    expect(other).not.toContain('code="RATE_LIMITED"');
  });
});
