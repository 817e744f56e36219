import { GameService } from "../../src/domain/game-service";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { InProcessBattleEventFeed } from "../../src/infrastructure/in-process-battle-event-feed";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "../support/play";
import { readWatch } from "../support/read-watch";
import { describeGameRepositoryContract } from "./game-repository.contract";

describeGameRepositoryContract("InMemoryGameRepository", (options) => {
  const repository = new InMemoryGameRepository(options);
  return Promise.resolve({ repository, close: () => Promise.resolve(repository.close()) });
});

describe("InMemoryGameRepository expiry", () => {
  it("completes the watches of a game that expired, as abandoning it would", async () => {
    const bus = new InProcessBattleEventFeed();
    const repository = new InMemoryGameRepository(
      { ttlMs: 200, maxEvents: 100 },
      { committed: (id, events) => bus.publish(id, events), deleted: (id) => bus.end(id) },
    );
    const service = new GameService({
      repository,
      feed: bus,
      dice: diceFactory,
      tokens: new CryptoPlayerTokens(),
      ids: new CryptoGameIdGenerator(),
      clock: new SystemClock(),
    });
    try {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      const watch = await service.watch(game.id);
      const attacked = await service.attack(game.id, "LETTUCE", playerToken);

      // Nobody touches the game again: the sweep drops it and must end the watch.
      expect(await readWatch(watch)).toEqual(attacked.events);
    } finally {
      repository.close();
    }
  });
});
