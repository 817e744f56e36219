/**
 * GameService tells its observer of every commit, every lost race and every retry, and nothing
 * else: the counts metrics are made of, here with a store that loses a given number of races.
 */
import type { BattleEvent } from "../../src/domain/battle-event";
import type { GameState } from "../../src/domain/game";
import type { GameChange } from "../../src/domain/game-change";
import type { CommitOutcome } from "../../src/domain/game-repository.port";
import { GameService } from "../../src/domain/game-service";
import type { CommitKind, GameServiceObserver } from "../../src/domain/game-service-observer.port";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "../support/play";
import { rejection } from "../support/rejection";

const WALL = { name: "Wall", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 };

/** An in-memory store whose next `lose` commits report a lost race (and write nothing). */
class LosingRepository extends InMemoryGameRepository {
  lose = 0;

  override commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    if (this.lose > 0) {
      this.lose -= 1;
      return this.load(game.id).then((current) => ({ status: "CONFLICT", current: current! }));
    }
    return super.commit(game, change, events);
  }
}

/** Records each call as "<method> <kind>". */
function recordingObserver(): GameServiceObserver & { calls: string[] } {
  const calls: string[] = [];
  const record = (method: string) => (kind: CommitKind) => calls.push(`${method} ${kind}`);
  return {
    calls,
    committed: record("committed"),
    conflicted: record("conflicted"),
    retried: record("retried"),
  };
}

describe("GameService's observer", () => {
  let repository: LosingRepository;
  let observer: ReturnType<typeof recordingObserver>;
  let service: GameService;

  beforeEach(() => {
    repository = new LosingRepository({ ttlMs: 600_000, maxEvents: 1_000 });
    observer = recordingObserver();
    service = new GameService({
      repository,
      dice: diceFactory,
      tokens: new CryptoPlayerTokens(),
      ids: new CryptoGameIdGenerator(),
      clock: new SystemClock(),
      maxRetries: 2,
      observer,
    });
  });

  afterEach(() => repository.close());

  it("hears one commit per attack played, and nothing for starting or refusals", async () => {
    const { game, playerToken } = await service.startGame({ seed: 1, monsters: [WALL] });
    await service.attack(game.id, "BOOMERANG", playerToken);
    await service.attack(game.id, "SWORD", playerToken);
    await rejection(service.attack(game.id, "BOMB", "someone-else"));
    await service.updateMonster(game.id, "1", { name: "Renamed" }, playerToken);

    expect(observer.calls).toEqual([
      "committed attack",
      "committed attack",
      "committed updateMonster",
    ]);
  });

  it("hears each lost race and each retry before the commit that wins", async () => {
    const { game, playerToken } = await service.startGame({ seed: 2, monsters: [WALL] });
    repository.lose = 2;
    await service.attack(game.id, "BOOMERANG", playerToken);

    expect(observer.calls).toEqual([
      "conflicted attack",
      "retried attack",
      "conflicted attack",
      "retried attack",
      "committed attack",
    ]);
  });

  it("hears no retry after the last lost race, when the use case gives up with CONFLICT", async () => {
    const { game, playerToken } = await service.startGame({ seed: 3, monsters: [WALL] });
    repository.lose = 3;
    const error = await rejection(service.updateMonster(game.id, "1", { life: 5 }, playerToken));

    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(observer.calls).toEqual([
      "conflicted updateMonster",
      "retried updateMonster",
      "conflicted updateMonster",
      "retried updateMonster",
      "conflicted updateMonster",
    ]);
  });

  it("is optional: without one, the service works as before", async () => {
    const plain = new GameService({
      repository,
      dice: diceFactory,
      tokens: new CryptoPlayerTokens(),
      ids: new CryptoGameIdGenerator(),
      clock: new SystemClock(),
    });
    const { game, playerToken } = await plain.startGame({ seed: 4, monsters: [WALL] });
    repository.lose = 1;
    expect((await plain.attack(game.id, "LETTUCE", playerToken)).game.turn).toBe(1);
  });
});
