import type { TurnWatcher } from "../../src/domain/battle-broadcast";
import type { BattleTurn } from "../../src/domain/battle-turn";
import type { BattleTurnFeed, FeedListener } from "../../src/domain/battle-turn-feed.port";
import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { InProcessBattleTurnFeed } from "../../src/infrastructure/in-process-battle-turn-feed";
import { TurnListeners } from "../../src/infrastructure/turn-listeners";
import { rejection } from "../support/rejection";
import { gameServiceOn } from "../support/services";

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

/** The in-process feed, plus the `check` items the Redis feed sends on its timer. */
class CheckingFeed implements BattleTurnFeed {
  readonly live = new InProcessBattleTurnFeed();
  private readonly checks = new TurnListeners();

  async listen(gameId: string, listener: FeedListener): Promise<() => void> {
    const stopLive = await this.live.listen(gameId, listener);
    const stopChecks = this.checks.add(gameId, listener);
    return () => {
      stopLive();
      stopChecks();
    };
  }

  check(gameId: string): void {
    this.checks.emit(gameId, { kind: "check" });
  }
}

type ReadKind = "load" | "events";

/**
 * The embedded store, whose next read of one kind can be held, before or after it reads: a test
 * holds it, moves the game on (or deletes it) meanwhile, and lets it go, to see what a slow store
 * read meets.
 */
class HeldReads extends InMemoryGameRepository {
  private holding:
    { kind: ReadKind; before: boolean; reached: () => void; gate: Promise<void> } | undefined;
  /** Lets the held read go. */
  release: () => void = () => undefined;

  /** Holds the next read of `kind`; resolves once that read waits. */
  hold(kind: ReadKind, when: "before reading" | "after reading"): Promise<void> {
    return new Promise((reached) => {
      const gate = new Promise<void>((resolve) => (this.release = resolve));
      this.holding = { kind, before: when === "before reading", reached, gate };
    });
  }

  override async recentEvents(...args: Parameters<InMemoryGameRepository["recentEvents"]>) {
    await this.wait("events", true);
    const events = await super.recentEvents(...args);
    await this.wait("events", false);
    return events;
  }

  override async load(...args: Parameters<InMemoryGameRepository["load"]>) {
    await this.wait("load", true);
    const game = await super.load(...args);
    await this.wait("load", false);
    return game;
  }

  private async wait(kind: ReadKind, before: boolean): Promise<void> {
    const holding = this.holding;
    if (holding?.kind !== kind || holding.before !== before) return;
    this.holding = undefined;
    holding.reached();
    await holding.gate;
  }
}

/**
 * A service on the embedded store and the in-process feed. `drop` names turns the feed loses on
 * the way (as pub/sub does while disconnected): the store has them, the watchers do not hear them.
 */
function setUp(drop: ReadonlySet<number> = new Set()) {
  const feed = new CheckingFeed();
  const bugs: unknown[] = [];
  const repository = new HeldReads(
    { ttlMs: 60_000, maxEvents: 1_000 },
    {
      committed: (id, turn) => {
        if (!drop.has(turn.turn)) feed.live.publish(id, turn);
      },
      deleted: (id) => feed.live.end(id),
    },
  );
  const service = gameServiceOn(repository, { feed, reportBug: (error) => bugs.push(error) });
  return { service, repository, feed, bugs };
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

  it("refuses an unknown game with GAME_NOT_FOUND and keeps nothing", async () => {
    env = setUp();
    const { service } = env;
    const w = recorder();
    expect(await rejection(service.watch("no-such-game", undefined, w.watcher))).toMatchObject({
      code: "GAME_NOT_FOUND",
    });
    expect(await rejection(service.watch("bad}id", 0, w.watcher))).toMatchObject({
      code: "GAME_NOT_FOUND",
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

  it("a game abandoned during a fromTurn read: the stored turns, the live ones held meanwhile, then the end", async () => {
    env = setUp();
    const { service, repository } = env;
    const { game, playerToken } = await service.startGame({ seed: 9 });
    await service.attack(game.id, "LETTUCE", playerToken);
    const w = recorder();
    const reading = repository.hold("events", "after reading");
    const watching = service.watch(game.id, 0, w.watcher);
    await reading;
    await service.attack(game.id, "LETTUCE", playerToken);
    await service.abandonGame(game.id, playerToken);
    expect(w.heard).toEqual([]);
    repository.release();
    await watching;
    expect(w.heard).toEqual([0, 1, 2, "ended"]);
    expect(service.watching()).toBe(0);
  });

  it("a check that finds the game gone gives the live turns that came meanwhile before the end", async () => {
    env = setUp();
    const { service, repository, feed } = env;
    const { game, playerToken } = await service.startGame({ seed: 10 });
    const w = recorder();
    await service.watch(game.id, undefined, w.watcher);
    const checking = repository.hold("load", "before reading");
    feed.check(game.id);
    await checking;
    // The turn comes while the check reads, and the game is gone before the check answers.
    await service.attack(game.id, "LETTUCE", playerToken);
    await service.abandonGame(game.id, playerToken);
    repository.release();
    await flush();
    expect(w.heard).toEqual([1, "ended"]);
    expect(service.watching()).toBe(0);
  });

  it("a watcher that throws when told of the end is reported; the others are told all the same", async () => {
    env = setUp();
    const { service, bugs } = env;
    const { game, playerToken } = await service.startGame({ seed: 11 });
    const before = recorder();
    const after = recorder();
    const bug = new Error("a bug in a watcher");
    await service.watch(game.id, undefined, before.watcher);
    await service.watch(game.id, undefined, {
      ...recorder().watcher,
      ended: () => {
        throw bug;
      },
    });
    await service.watch(game.id, undefined, after.watcher);
    await service.abandonGame(game.id, playerToken);
    expect(before.heard).toEqual(["ended"]);
    expect(after.heard).toEqual(["ended"]);
    expect(bugs).toEqual([bug]);
    expect(service.watching()).toBe(0);
  });
});
