import { testRedisUrl, uniquePrefix } from "../support/redis";
import { httpClient, wsClient, wsSubscribe } from "./support/clients";
import {
  ATTACK,
  BATTLE_TURNS,
  expectTurns,
  GAME,
  START_GAME,
  turnOf,
  type ApiEvent,
  type ApiGame,
  type ApiTurn,
} from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

type Started = { startGame: { playerToken: string; game: ApiGame } };
type Attacked = { attack: { game: ApiGame; events: ApiEvent[] } };

describe("two server processes on one Redis", () => {
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("share games: a subscriber on one gets the turns of attacks made on the other, in order, with the game after each", async () => {
    const started = await httpClient(a.url).mutate<Started>(START_GAME, { input: { seed: 21 } });
    const { playerToken, game } = started.data!.startGame;

    // Watch on A (from turn 1, so no race with the subscription becoming live); attack on B.
    const watcher = wsClient(a.wsUrl);
    const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
      gameId: game.id,
      fromTurn: 1,
    });
    const onB = httpClient(b.url, playerToken);
    const sent: ApiTurn[] = [];
    for (const weapon of ["BOMB", "SWORD", "LETTUCE", "BOOMERANG", "BOMB"] as const) {
      const result = await onB.mutate<Attacked>(ATTACK, { gameId: game.id, weapon });
      expect(result.errors).toEqual([]);
      sent.push(turnOf(result.data!.attack));
    }

    const received = await subscription.waitFor(sent.length);
    expect(subscription.errors).toEqual([]);
    expectTurns(
      received.map((r) => r.battleTurns),
      sent,
    );
    expect(received.at(-1)!.battleTurns.game).toMatchObject({ turn: 5, rabbit: { bombs: 1 } });

    // And A reads the state B wrote.
    const onA = await httpClient(a.url).query<{ game: ApiGame }>(GAME, { id: game.id });
    expect(onA.data?.game.turn).toBe(5);
    expect(onA.data?.game.rabbit.bombs).toBe(1);

    subscription.unsubscribe();
    await watcher.dispose();
  }, 30_000);

  it("deliver live turns across processes to a subscriber that gave no fromTurn", async () => {
    const started = await httpClient(b.url).mutate<Started>(START_GAME, { input: { seed: 8 } });
    const { playerToken, game } = started.data!.startGame;
    const watcher = wsClient(b.wsUrl);
    const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
      gameId: game.id,
    });
    const onA = httpClient(a.url, playerToken);
    // Attack on A until B's subscriber hears a turn (it is live from then on).
    for (let i = 0; i < 50 && subscription.items.length === 0; i++) {
      await onA.mutate<Attacked>(ATTACK, { gameId: game.id, weapon: "LETTUCE" });
      await subscription.waitFor(1, 100);
    }
    expect(subscription.items.length).toBeGreaterThan(0);
    const seenTurn = subscription.items.at(-1)!.battleTurns.turn;
    const next = await onA.mutate<Attacked>(ATTACK, { gameId: game.id, weapon: "BOOMERANG" });
    expect(next.errors).toEqual([]);
    const got = await subscription.waitUntil((items) =>
      items.some((r) => r.battleTurns.turn > seenTurn),
    );
    expect(subscription.errors).toEqual([]);
    // Live from B's side, so the turn carries the game A wrote, as A's reply showed it.
    expect(got.map((r) => r.battleTurns).filter((t) => t.turn > seenTurn)).toEqual([
      turnOf(next.data!.attack),
    ]);
    subscription.unsubscribe();
    await watcher.dispose();
  }, 30_000);
});
