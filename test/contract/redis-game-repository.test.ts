import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, uniquePrefix } from "../support/redis";
import { describeGameRepositoryContract } from "./game-repository.contract";

describeGameRepositoryContract("RedisGameRepository", async (options) => {
  const client = await connectedClient();
  const repository = new RedisGameRepository(client, { ...options, keyPrefix: uniquePrefix() });
  return {
    repository,
    close: async () => {
      await client.quit();
    },
  };
});
