import type { Redis } from "ioredis";
import type { BattleEvent } from "../../src/domain/battle-event";
import type { GameState } from "../../src/domain/game";
import type { GameChange } from "../../src/domain/game-change";
import type { CommitOutcome } from "../../src/domain/game-repository.port";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { newGame, patchMonster, playTurn } from "../contract/game-repository.contract";
import { published, readPublished } from "../support/published";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import {
  COMMIT_ID,
  keysOf,
  logEntryOf,
  rabbitInGameHash,
  snapshot,
  waitUntil,
} from "./redis-support";

/** A seed whose first BOMB kills the front Snail while its first BOOMERANG does not. */
function seedWhereOnlyTheBombKills(): number {
  for (let seed = 1; seed < 10_000; seed++) {
    const before = newGame(seed).game.toState();
    const bomb = playTurn(before, "BOMB");
    const boomerang = playTurn(before, "BOOMERANG");
    if (bomb.after.monsters.length === 2 && boomerang.after.monsters.length === 3) return seed;
  }
  throw new Error("no such seed");
}

/** The game hash a commit of `state` must leave, its log holding `loggedEvents` events. */
function gameHash(state: GameState, loggedEvents: number): Record<string, string> {
  return {
    s: state.status === "VICTORY" ? "V" : "P",
    t: String(state.turn),
    v: String(state.version),
    d: state.dice,
    tk: state.tokenHash,
    cm: state.monsters[0]?.id ?? "",
    ca: String(state.createdAt),
    ua: String(state.updatedAt),
    ...rabbitInGameHash(state.rabbit),
    le: String(loggedEvents),
    tl: "60000",
    // A random id per commit, which lets a resent commit recognise itself.
    lc: expect.stringMatching(COMMIT_ID) as string,
  };
}

/** A Redis repository that runs `hook` once, just before its next commit goes out. */
class RacedRepository extends RedisGameRepository {
  hook: ((gameId: string) => Promise<void>) | undefined;

  override async commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    const hook = this.hook;
    this.hook = undefined;
    if (hook) await hook(game.id);
    return super.commit(game, change, events);
  }
}

describe("Version conflicts in the Redis store", () => {
  const prefix = uniquePrefix();
  const options = { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 };
  let client: RedisClient;
  let otherClient: RedisClient;
  let raw: Redis;
  let subscriber: Redis;
  let repo: RedisGameRepository;
  let otherRepo: RedisGameRepository;
  const received: string[] = [];

  beforeAll(async () => {
    client = await connectedClient();
    otherClient = await connectedClient();
    raw = rawClient();
    subscriber = rawClient();
    // Ready before any SUBSCRIBE (see redis-pubsub.test.ts).
    await Promise.all([raw.ping(), subscriber.ping()]);
    subscriber.on("message", (_channel: string, message: string) => received.push(message));
    repo = new RedisGameRepository(client, options);
    otherRepo = new RedisGameRepository(otherClient, options);
  });
  afterAll(async () => {
    await subscriber.quit();
    await raw.quit();
    await client.quit();
    await otherClient.quit();
  });
  beforeEach(() => {
    received.length = 0;
  });

  /** Messages published on `channel` so far (a sentinel published afterwards closes the list). */
  async function messagesOn(channel: string): Promise<unknown[]> {
    await raw.publish(channel, "sentinel");
    await waitUntil(() => received.includes("sentinel"));
    const messages = received.filter((m) => m !== "sentinel").map((m) => readPublished(channel, m));
    received.length = 0;
    return messages;
  }

  it("of two commits from one version, the first is COMMITTED, the second CONFLICT and wholly refused", async () => {
    const { game, events: opening } = newGame(seedWhereOnlyTheBombKills());
    const before = game.toState();
    const k = keysOf(prefix, game.id);
    await subscriber.subscribe(k.channel);
    expect(await repo.create(before, opening)).toBe(true);

    const first = playTurn(before, "BOOMERANG");
    const second = playTurn(before, "BOMB"); // would kill monster 1 and spend a bomb
    expect(second.after.monsters.map((m) => m.id)).toEqual(["2", "3"]);

    expect(await repo.commit(first.after, first.change, first.events)).toEqual({
      status: "COMMITTED",
    });
    const afterFirst = await snapshot(raw, prefix, game.id);
    expect(await otherRepo.commit(second.after, second.change, second.events)).toMatchObject({
      status: "CONFLICT",
    });
    expect(await repo.commit(second.after, second.change, second.events)).toMatchObject({
      status: "CONFLICT",
    });

    const stored = first.after;
    expect(await repo.load(game.id)).toEqual(stored);
    expect(await snapshot(raw, prefix, game.id)).toEqual(afterFirst);
    expect(await raw.hgetall(k.game)).toEqual(
      gameHash(stored, opening.length + first.events.length),
    );
    expect(await raw.hmget(k.game, "rl", "rb")).toEqual([
      String(first.after.rabbit.life),
      "3", // the losing BOMB spent none
    ]);
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["1", "2", "3"]);
    expect(await raw.hget(k.monster("1"), "l")).toBe(String(first.after.monsters[0]!.life));
    expect(await raw.lrange(k.events, 0, -1)).toEqual([
      logEntryOf(opening),
      logEntryOf(first.events),
    ]);
    expect(await repo.recentEvents(game.id, 50)).toEqual([...opening, ...first.events]);
    expect(await messagesOn(k.channel)).toEqual([
      published({ game: first.after, events: first.events }),
    ]);

    // The winner's version goes on: a commit from version 1 is accepted.
    const third = playTurn(stored, "BOMB");
    expect(await otherRepo.commit(third.after, third.change, third.events)).toEqual({
      status: "COMMITTED",
    });
    expect(await repo.load(game.id)).toEqual(third.after);
    await subscriber.unsubscribe(k.channel);
  });

  it("two commits racing from one version on two connections: exactly one wins", async () => {
    for (let round = 0; round < 10; round++) {
      const { game, events: opening } = newGame(100 + round);
      const before = game.toState();
      await repo.create(before, opening);
      const a = playTurn(before, "LETTUCE");
      const b = playTurn(before, "SWORD");

      const outcomes = await Promise.all([
        repo.commit(a.after, a.change, a.events),
        otherRepo.commit(b.after, b.change, b.events),
      ]);
      const winner = outcomes[0].status === "COMMITTED" ? a : b;
      expect(outcomes.map((o) => o.status).sort()).toEqual(["COMMITTED", "CONFLICT"]);
      expect(outcomes.find((o) => o.status === "CONFLICT")).toEqual({
        status: "CONFLICT",
        current: winner.after,
      });
      expect(await repo.load(game.id)).toEqual(winner.after);
      expect(await repo.recentEvents(game.id, 50)).toEqual([...opening, ...winner.events]);
    }
  });

  it("setting monster fields from a version a turn has moved past is CONFLICT, nothing written", async () => {
    const { game, events: opening } = newGame(7);
    const before = game.toState();
    await repo.create(before, opening);
    const turn = playTurn(before, "BOOMERANG");
    await repo.commit(turn.after, turn.change, turn.events);
    const afterTurn = await snapshot(raw, prefix, game.id);

    const stale = patchMonster(before, "3", { life: 1 }, 1);
    expect(await repo.commit(stale.after, stale.change, [])).toMatchObject({ status: "CONFLICT" });
    expect(await snapshot(raw, prefix, game.id)).toEqual(afterTurn);
  });

  it("the service recomputes a turn that lost the race from the state the refusal carries: 1 more round trip, no load, both turns kept", async () => {
    const raced = new RacedRepository(client, options);
    const service = gameServiceOn(raced, { maxRetries: 1 });
    const {
      game,
      playerToken,
      events: opening,
    } = await service.startGame({
      monsters: [{ name: "Wall", life: 1_000, strength: 1, charisma: 0, weapon: 0 }],
      seed: 41,
    });
    const k = keysOf(prefix, game.id);
    await subscriber.subscribe(k.channel);
    let rival: ReturnType<typeof playTurn> | undefined;
    raced.hook = async (gameId) => {
      const before = (await otherRepo.load(gameId))!;
      rival = playTurn(before, "LETTUCE");
      expect(await otherRepo.commit(rival.after, rival.change, rival.events)).toEqual({
        status: "COMMITTED",
      });
    };
    const commands = countCommands(client);

    const turn = await service.attack(game.id, "BOOMERANG", playerToken);

    // Load, the commit refused with the game as the rival left it, the commit of the recomputed turn.
    expect(commands.names).toEqual(["evalsha", "evalsha", "evalsha"]);
    expect(turn.game.version).toBe(2);
    expect(turn.game.turn).toBe(2);
    expect(turn.events.every((e) => e.turn === 2)).toBe(true);
    expect(turn.game.dice).not.toBe(rival!.after.dice);
    expect(await repo.load(game.id)).toEqual(turn.game);
    expect(await raw.lrange(k.events, 0, -1)).toEqual([
      logEntryOf(opening),
      logEntryOf(rival!.events),
      logEntryOf(turn.events),
    ]);
    expect(await raw.hgetall(k.game)).toEqual(
      gameHash(turn.game, opening.length + rival!.events.length + turn.events.length),
    );
    expect(await messagesOn(k.channel)).toEqual([
      published({ game: rival!.after, events: rival!.events }),
      published(turn),
    ]);
    await subscriber.unsubscribe(k.channel);
  });

  it("with no retries left, the service answers CONFLICT and the rival's turn stands alone", async () => {
    const raced = new RacedRepository(client, options);
    const service = gameServiceOn(raced, { maxRetries: 0 });
    const { game, playerToken } = await service.startGame({
      monsters: [{ name: "Wall", life: 1_000, strength: 1, charisma: 0, weapon: 0 }],
      seed: 42,
    });
    let rival: ReturnType<typeof playTurn> | undefined;
    raced.hook = async (gameId) => {
      const before = (await otherRepo.load(gameId))!;
      rival = playTurn(before, "LETTUCE");
      await otherRepo.commit(rival.after, rival.change, rival.events);
    };

    await expect(service.attack(game.id, "BOOMERANG", playerToken)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await repo.load(game.id)).toEqual(rival!.after);
  });
});
