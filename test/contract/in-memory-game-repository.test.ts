import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { InProcessBattleTurnFeed } from "../../src/infrastructure/in-process-battle-turn-feed";
import { readWatch } from "../support/read-watch";
import { eventsOf, watchTurns } from "../support/watch-turns";
import { describeGameRepositoryContract, newGame, playTurn } from "./game-repository.contract";
import { gameServiceOn } from "../support/services";

describeGameRepositoryContract("InMemoryGameRepository", (options) => {
  const repository = new InMemoryGameRepository(options);
  return Promise.resolve({ repository, close: () => Promise.resolve(repository.close()) });
});

describe("InMemoryGameRepository expiry", () => {
  it("forgets a game its TTL after the last write, on the clock it is given, with no sleeping", async () => {
    let now = 1_700_000_000_000;
    const deleted: string[] = [];
    const repository = new InMemoryGameRepository(
      { ttlMs: 60_000, maxEvents: 50 },
      { committed: () => undefined, deleted: (id) => deleted.push(id) },
      { now: () => now },
    );
    try {
      const { game, events } = newGame();
      await repository.create(game.toState(), events);
      now += 59_999;
      const before = (await repository.load(game.id))!;
      const { after, change, events: turn } = playTurn(before);
      expect(await repository.commit(after, change, turn)).toEqual({ status: "COMMITTED" });
      now += 59_999; // 2 minutes after the start, just short of a TTL after the commit: still there
      expect((await repository.load(game.id))?.turn).toBe(1);
      expect(deleted).toEqual([]);
      now += 1;
      expect(await repository.load(game.id)).toBeUndefined();
      expect(deleted).toEqual([game.id]);
    } finally {
      repository.close();
    }
  });

  it("completes the watches of a game that expired, as abandoning it would", async () => {
    const bus = new InProcessBattleTurnFeed();
    const repository = new InMemoryGameRepository(
      { ttlMs: 200, maxEvents: 100 },
      { committed: (id, turn) => bus.publish(id, turn), deleted: (id) => bus.end(id) },
    );
    const service = gameServiceOn(repository, { feed: bus });
    try {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      const watch = await watchTurns(service, game.id);
      const attacked = await service.attack(game.id, "LETTUCE", playerToken);

      // Nobody touches the game again: the sweep drops it and must end the watch.
      expect(eventsOf(await readWatch(watch))).toEqual(attacked.events);
      expect(service.watching()).toBe(0);
    } finally {
      repository.close();
    }
  });
});
