import type { TurnWatcher } from "../../src/domain/battle-broadcast";
import type { BattleTurn } from "../../src/domain/battle-turn";
import { GameService } from "../../src/domain/game-service";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { InProcessBattleTurnFeed } from "../../src/infrastructure/in-process-battle-turn-feed";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "../support/play";
import { rejection } from "../support/rejection";

/** What one watcher was told, in order. */
function recorder() {
  const heard: (number | "ended" | "failed")[] = [];
  const turns: BattleTurn[] = [];
  const watcher: TurnWatcher = {
    turn: (turn) => {
      heard.push(turn.turn);
      turns.push(turn);
    },
    ended: () => heard.push("ended"),
    failed: () => heard.push("failed"),
  };
  return { heard, turns, watcher };
}

/**
 * A service on the embedded store and the in-process feed. `drop` names turns the feed loses on
 * the way (as pub/sub does while disconnected): the store has them, the watchers do not hear them.
 */
function setUp(drop: ReadonlySet<number> = new Set()) {
  const feed = new InProcessBattleTurnFeed();
  const repository = new InMemoryGameRepository(
    { ttlMs: 60_000, maxEvents: 1_000 },
    {
      committed: (id, turn) => {
        if (!drop.has(turn.turn)) feed.publish(id, turn);
      },
      deleted: (id) => feed.end(id),
    },
  );
  const service = new GameService({
    repository,
    feed,
    dice: diceFactory,
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
  });
  return { service, repository, feed };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("BattleBroadcast (GameService.watch)", () => {
  let env: ReturnType<typeof setUp>;
  afterEach(() => env.repository.close());

  it("hands each live turn to every watcher once, in order, with the game after it: one object for all", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 1 });
    const a = recorder();
    const b = recorder();
    await service.watch(game.id, undefined, a.watcher);
    await service.watch(game.id, undefined, b.watcher);
    const first = await service.attack(game.id, "LETTUCE", playerToken);
    const second = await service.attack(game.id, "SWORD", playerToken);

    expect(a.heard).toEqual([1, 2]);
    expect(b.heard).toEqual([1, 2]);
    expect(a.turns.map((t) => t.events)).toEqual([first.events, second.events]);
    expect(a.turns.map((t) => t.game?.rabbit)).toEqual([first.game.rabbit, second.game.rabbit]);
    // What the watchers got is what anyone may see: no dice, no token hash.
    expect(a.turns[0]?.game).not.toHaveProperty("dice");
    expect(a.turns[0]?.game).not.toHaveProperty("tokenHash");
    expect(b.turns[0]).toBe(a.turns[0]);
    expect(service.watching()).toBe(1);
    expect(service.watching(game.id)).toBe(2);
  });

  it("with fromTurn gives the stored turns first, the last carrying the game, then the live ones", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 2 });
    await service.attack(game.id, "LETTUCE", playerToken);
    const atTwo = await service.attack(game.id, "BOOMERANG", playerToken);
    const w = recorder();
    await service.watch(game.id, 0, w.watcher);
    expect(w.heard).toEqual([0, 1, 2]);
    expect(w.turns.map((t) => t.game?.turn)).toEqual([undefined, undefined, 2]);
    expect(w.turns[2]?.game?.rabbit).toEqual(atTwo.game.rabbit);
    expect(w.turns[0]?.events[0]).toMatchObject({ type: "MonsterEmerged", turn: 0 });

    await service.attack(game.id, "LETTUCE", playerToken);
    expect(w.heard).toEqual([0, 1, 2, 3]);
  });

  it("waits for a fromTurn still to come", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 3 });
    const w = recorder();
    await service.watch(game.id, 2, w.watcher);
    await service.attack(game.id, "LETTUCE", playerToken);
    expect(w.heard).toEqual([]);
    await service.attack(game.id, "LETTUCE", playerToken);
    expect(w.heard).toEqual([2]);
  });

  it("reads the turns the feed lost from the store before the live turn after them", async () => {
    env = setUp(new Set([2, 3]));
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 4 });
    const w = recorder();
    await service.watch(game.id, undefined, w.watcher);
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await service.attack(game.id, "LETTUCE", playerToken));
    await flush();

    expect(w.heard).toEqual([1, 2, 3, 4]);
    expect(w.turns.map((t) => t.events)).toEqual(sent.map((s) => s.events));
    // Read back from the log: the live turn after them carries the game.
    expect(w.turns.map((t) => t.game?.turn)).toEqual([1, undefined, undefined, 4]);
  });

  it("stops: nothing more reaches a stopped watcher, and the last stop lets go of the feed", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 5 });
    const a = recorder();
    const b = recorder();
    const stopA = await service.watch(game.id, undefined, a.watcher);
    const stopB = await service.watch(game.id, undefined, b.watcher);
    await service.attack(game.id, "LETTUCE", playerToken);
    stopA();
    stopA();
    await service.attack(game.id, "LETTUCE", playerToken);
    expect(a.heard).toEqual([1]);
    expect(b.heard).toEqual([1, 2]);
    expect(service.watching(game.id)).toBe(1);
    stopB();
    expect(service.watching()).toBe(0);
  });

  it("ends every watch when the game is abandoned, and keeps nothing", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 6 });
    const a = recorder();
    const b = recorder();
    await service.watch(game.id, undefined, a.watcher);
    await service.watch(game.id, 0, b.watcher);
    await service.abandonGame(game.id, playerToken);
    expect(a.heard).toEqual(["ended"]);
    expect(b.heard).toEqual([0, "ended"]);
    expect(service.watching()).toBe(0);
  });

  it("refuses an unknown game with NOT_FOUND and keeps nothing", async () => {
    env = setUp();
    const { service } = env;
    const w = recorder();
    expect(await rejection(service.watch("no-such-game", undefined, w.watcher))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await rejection(service.watch("bad}id", 0, w.watcher))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(service.watching()).toBe(0);
    expect(w.heard).toEqual([]);
  });

  it("a watcher that stops in the middle of a repair gets nothing after it", async () => {
    env = setUp(new Set([2, 3]));
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 7 });
    const w = recorder();
    const stop: () => void = await service.watch(game.id, undefined, {
      ...w.watcher,
      turn: (turn) => {
        w.watcher.turn(turn);
        if (turn.turn === 2) stop();
      },
    });
    for (let i = 0; i < 4; i++) await service.attack(game.id, "LETTUCE", playerToken);
    await flush();
    // Turns 2 and 3 came from the store in one go, then 4 live: it stopped at 2.
    expect(w.heard).toEqual([1, 2]);
    expect(service.watching()).toBe(0);
  });

  it("a watcher that throws fails alone; the others go on", async () => {
    env = setUp();
    const { service } = env;
    const { game, playerToken } = await service.startGame({ seed: 8 });
    const good = recorder();
    const bad = recorder();
    await service.watch(game.id, undefined, {
      ...bad.watcher,
      turn: () => {
        throw new Error("a bug in a watcher");
      },
    });
    await service.watch(game.id, undefined, good.watcher);
    await service.attack(game.id, "LETTUCE", playerToken);
    await service.attack(game.id, "LETTUCE", playerToken);
    expect(bad.heard).toEqual(["failed"]);
    expect(good.heard).toEqual([1, 2]);
    expect(service.watching(game.id)).toBe(1);
  });
});
