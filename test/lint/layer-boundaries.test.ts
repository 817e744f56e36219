import { lintAs } from "./lint-as";

describe("the layer-boundary lint zones", () => {
  it("refuses the graphql layer, its packages and the composition root in src/infrastructure", async () => {
    const source = [
      /* 1 */ 'import { GameService } from "../domain/game-service";',
      /* 2 */ 'import { GameResolver } from "../graphql/game.resolver";',
      /* 3 */ 'import { composeApplication } from "../compose-application";',
      /* 4 */ 'import { Resolver } from "type-graphql";',
      /* 5 */ 'import { ApolloServer } from "@apollo/server";',
      /* 6 */ 'import { GraphQLError } from "graphql";',
      /* 7 */ 'import express from "express";',
      /* 8 */ 'import Redis from "ioredis";',
      /* 9 */ 'import { RedisGameKeys } from "./redis-game-keys";',
      /* 10 */ 'import { useServer } from "graphql-ws/use/ws";',
      /* 11 */ 'import { formatError } from "../../src/graphql/error-mapping";',
      /* 12 */ "export const all = [GameService, GameResolver, composeApplication, Resolver, ApolloServer, GraphQLError, express, Redis, RedisGameKeys, useServer, formatError];",
      "",
    ].join("\n");

    const findings = await lintAs("src/infrastructure/system-clock.ts", source);

    expect(Object.fromEntries(findings)).toEqual({
      2: ["no-restricted-imports"],
      3: ["no-restricted-imports"],
      4: ["no-restricted-imports"],
      5: ["no-restricted-imports"],
      6: ["no-restricted-imports"],
      7: ["no-restricted-imports"],
      10: ["no-restricted-imports"],
      11: ["no-restricted-imports"],
    });
  }, 60_000);

  it("refuses src/infrastructure, Redis and the composition root in src/graphql, at any depth", async () => {
    const source = [
      /* 1 */ 'import { GameService } from "../domain/game-service";',
      /* 2 */ 'import type { Config } from "../infrastructure/config";',
      /* 3 */ 'import { composeApplication } from "../compose-application";',
      /* 4 */ 'import Redis from "ioredis";',
      /* 5 */ 'import { Resolver } from "type-graphql";',
      /* 6 */ 'import { formatError } from "./error-mapping";',
      /* 7 */ 'import { SystemClock } from "../../infrastructure/system-clock";',
      /* 8 */ 'import "../main";',
      /* 9 */ "export const all = [GameService, composeApplication, Redis, Resolver, formatError, SystemClock];",
      /* 10 */ "export type C = Config;",
      "",
    ].join("\n");

    const findings = await lintAs("src/graphql/enums.ts", source);

    expect(Object.fromEntries(findings)).toEqual({
      2: ["no-restricted-imports"],
      3: ["no-restricted-imports"],
      4: ["no-restricted-imports"],
      7: ["no-restricted-imports"],
      8: ["no-restricted-imports"],
    });
  }, 60_000);
});
