import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { describeGameRepositoryContract } from "./game-repository.contract";

describeGameRepositoryContract("InMemoryGameRepository", (options) => {
  const repository = new InMemoryGameRepository(options);
  return Promise.resolve({ repository, close: () => Promise.resolve(repository.close()) });
});
