import { performance } from "node:perf_hooks";
import { Game, type GameState } from "../src/domain/game";
import { GameService } from "../src/domain/game-service";
import type { MonsterSpec } from "../src/domain/monster";
import type { Weapon } from "../src/domain/weapon";
import { CryptoGameIdGenerator } from "../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../src/infrastructure/crypto-player-tokens";
import { LruGameStateCache } from "../src/infrastructure/lru-game-state-cache";
import { PureRandDiceFactory } from "../src/infrastructure/pure-rand-dice-factory";
import type { RedisClient } from "../src/infrastructure/redis-client";
import type { RabbitState } from "../src/domain/rabbit";
import {
  GAME_FIELD,
  MONSTER_FIELD,
  RABBIT_GAME_FIELDS,
  STATUS_CODE,
  statusOfCode,
} from "../src/infrastructure/redis-game-codec";
import { RedisGameKeys } from "../src/infrastructure/redis-game-keys";
import { RedisGameRepository } from "../src/infrastructure/redis-game-repository";
import { SystemClock } from "../src/infrastructure/system-clock";
import { countCommands } from "./count-commands";

/** redis-server's own CPU seconds so far (INFO cpu: used_cpu_user + used_cpu_sys). */
export async function redisCpuSeconds(client: RedisClient): Promise<number> {
  const info = await client.info("cpu");
  const user = Number(/^used_cpu_user:([\d.]+)/m.exec(info)?.[1]);
  const sys = Number(/^used_cpu_sys:([\d.]+)/m.exec(info)?.[1]);
  return user + sys;
}

/**
 * Bytes a game takes in Redis: MEMORY USAGE summed over every key of its hash tag. SCAN is for
 * the bench only (the app never scans): it finds whatever keys a layout has.
 */
export async function gameBytes(
  client: RedisClient,
  prefix: string,
  gameId: string,
): Promise<number> {
  let cursor = "0";
  let bytes = 0;
  do {
    const [next, keys] = await client.scan(
      cursor,
      "MATCH",
      `${prefix}:{${gameId}}:*`,
      "COUNT",
      1000,
    );
    cursor = next;
    for (const key of keys) bytes += (await client.memory("USAGE", key, "SAMPLES", "0")) ?? 0;
  } while (cursor !== "0");
  return bytes;
}

/** Something that plays one attack on a stored game. */
export interface Attacker {
  name: string;
  attack(gameId: string, weapon: Weapon): Promise<void>;
  /** How many events the game's log holds now, as this attacker keeps it. */
  loggedEvents(gameId: string): Promise<number>;
}

/** The app's way: GameService.attack (with its cache, one script call; without, a load too). */
export function serviceAttacker(
  name: string,
  service: GameService,
  tokens: Map<string, string>,
): Attacker {
  return {
    name,
    attack: async (gameId, weapon) => {
      await service.attack(gameId, weapon, tokens.get(gameId));
    },
    loggedEvents: async (gameId) =>
      (await service.recentEvents(gameId, Number.MAX_SAFE_INTEGER)).length,
  };
}

/**
 * The seed's naive port, on the same keys: one HGET per field to read, one HSET per changed
 * field, LPOP and DEL for a dead monster, one RPUSH per event, no script. Written here only, as a
 * baseline: it is neither atomic nor safe under concurrency, and the app never uses it.
 */
export function naiveAttacker(
  client: RedisClient,
  prefix: string,
  maxEvents: number,
  now: () => number,
): Attacker {
  const dice = new PureRandDiceFactory();
  const stats = ["life", "strength", "charisma", "weapon"] as const;
  return {
    name: "naive baseline (HGET/HSET per field)",
    // One JSON entry per event, as the seed logged them.
    loggedEvents: (gameId) => client.llen(new RedisGameKeys(prefix, gameId).events),
    attack: async (gameId, weapon) => {
      const keys = new RedisGameKeys(prefix, gameId);
      const field = async (key: string, name: string): Promise<string> =>
        (await client.hget(key, name)) ?? "";
      const game: Record<string, string> = {};
      for (const name of [
        "status",
        "turn",
        "version",
        "dice",
        "tokenHash",
        "createdAt",
        "updatedAt",
      ] as const) {
        game[name] = await field(keys.game, GAME_FIELD[name]);
      }
      const rabbit = {
        life: Number(await field(keys.game, RABBIT_GAME_FIELDS.life)),
        strength: Number(await field(keys.game, RABBIT_GAME_FIELDS.strength)),
        charisma: Number(await field(keys.game, RABBIT_GAME_FIELDS.charisma)),
        weapon: Number(await field(keys.game, RABBIT_GAME_FIELDS.weapon)),
        bombs: Number(await field(keys.game, RABBIT_GAME_FIELDS.bombs)),
      };
      const ids = await client.lrange(keys.array, 0, -1);
      const monsters = [];
      for (const id of ids) {
        const monster = {
          id,
          name: await field(keys.monster(id), MONSTER_FIELD.name),
          life: 0,
          strength: 0,
          charisma: 0,
          weapon: 0,
        };
        for (const stat of stats) {
          monster[stat] = Number(await field(keys.monster(id), MONSTER_FIELD[stat]));
        }
        monsters.push(monster);
      }
      const before: GameState = {
        id: gameId,
        status: statusOfCode(game.status) ?? "IN_PROGRESS",
        turn: Number(game.turn),
        version: Number(game.version),
        dice: game.dice ?? "",
        tokenHash: game.tokenHash ?? "",
        rabbit,
        monsters,
        createdAt: Number(game.createdAt),
        updatedAt: Number(game.updatedAt),
      };
      const played = Game.restore(before, dice.restore(before.dice));
      const { events, change } = played.attack(weapon, now());
      const after = played.toState();
      for (const [name, value] of Object.entries(change.rabbit)) {
        await client.hset(keys.game, RABBIT_GAME_FIELDS[name as keyof RabbitState], String(value));
      }
      for (const id of change.removedMonsterIds) {
        await client.lpop(keys.array);
        await client.del(keys.monster(id));
      }
      for (const { id, fields } of change.monsters) {
        for (const [name, value] of Object.entries(fields)) {
          await client.hset(
            keys.monster(id),
            MONSTER_FIELD[name as keyof MonsterSpec],
            String(value),
          );
        }
      }
      for (const [name, value] of [
        [GAME_FIELD.status, STATUS_CODE[after.status]],
        [GAME_FIELD.turn, String(after.turn)],
        [GAME_FIELD.version, String(after.version)],
        [GAME_FIELD.dice, after.dice],
        [GAME_FIELD.currentMonsterId, after.monsters[0]?.id ?? ""],
        [GAME_FIELD.updatedAt, String(after.updatedAt)],
      ] as const) {
        await client.hset(keys.game, name, value);
      }
      for (const event of events) await client.rpush(keys.events, JSON.stringify(event));
      await client.ltrim(keys.events, -maxEvents, -1);
      await client.publish(keys.channel, JSON.stringify({ gameId, events }));
    },
  };
}

/** Calls and microseconds of each command redis-server ran (INFO commandstats), by name. */
export async function commandStats(
  client: RedisClient,
): Promise<Map<string, { calls: number; usec: number }>> {
  const stats = new Map<string, { calls: number; usec: number }>();
  const info = await client.info("commandstats");
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats.set(match[1] ?? "", { calls: Number(match[2]), usec: Number(match[3]) });
  }
  return stats;
}

/** One command's share of an attack: how often it ran, and its own time, per attack. */
export interface CommandCost {
  command: string;
  callsPerAttack: number;
  usecPerAttack: number;
}

/** What {@link measureAttacks} found. */
export interface AttackCost {
  attacker: string;
  attacks: number;
  roundTripsPerAttack: number;
  redisCpuUsPerAttack: number;
  /** Wall time from one attack's request to the next's, as the client paced them. */
  msPerAttack: number;
  /** The arguments of the last EVALSHA sent (sha, key count, keys, ARGV), if any. */
  lastEvalsha?: readonly unknown[];
  /**
   * Each command redis-server ran, scripts' inner calls included (EVALSHA's time includes
   * theirs), most time first.
   */
  commands: CommandCost[];
}

/**
 * `count` sequential attacks on one game, counting the commands the client sends (each a round
 * trip: nothing is pipelined) and redis-server's own CPU time over them.
 */
export async function measureAttacks(
  client: RedisClient,
  attacker: Attacker,
  gameId: string,
  weapon: Weapon,
  count: number,
): Promise<AttackCost> {
  const counter = countCommands(client);
  const statsBefore = await commandStats(client);
  const cpuBefore = await redisCpuSeconds(client);
  counter.reset();
  const start = performance.now();
  for (let i = 0; i < count; i++) await attacker.attack(gameId, weapon);
  const msPerAttack = (performance.now() - start) / count;
  const commands = counter.count;
  const lastEvalsha = counter.lastArgs.get("evalsha");
  const cpuAfter = await redisCpuSeconds(client);
  const statsAfter = await commandStats(client);
  const perCommand: CommandCost[] = [];
  for (const [command, after] of statsAfter) {
    // The measuring itself (INFO) is not the attack's.
    if (command === "info") continue;
    const before = statsBefore.get(command) ?? { calls: 0, usec: 0 };
    if (after.calls === before.calls) continue;
    perCommand.push({
      command,
      callsPerAttack: (after.calls - before.calls) / count,
      usecPerAttack: (after.usec - before.usec) / count,
    });
  }
  perCommand.sort((a, b) => b.usecPerAttack - a.usecPerAttack);
  return {
    attacker: attacker.name,
    attacks: count,
    roundTripsPerAttack: commands / count,
    redisCpuUsPerAttack: ((cpuAfter - cpuBefore) * 1e6) / count,
    msPerAttack,
    lastEvalsha,
    commands: perCommand,
  };
}

/** Attacks a game until its log holds `events` events (a full log, as a long game has). */
export async function fillLog(
  attacker: Attacker,
  gameId: string,
  weapon: Weapon,
  events: number,
): Promise<void> {
  while ((await attacker.loggedEvents(gameId)) < events) await attacker.attack(gameId, weapon);
}

/** What a row of {@link compareAttackCost} measured. */
export type CostKind = "store" | "ping, paced" | "ping, back to back" | "empty script, paced";

/** One row of {@link compareAttackCost}. */
export interface CostRow extends AttackCost {
  kind: CostKind;
  /** The game's bytes in Redis after the measured attacks (undefined for the floors). */
  bytes?: number;
}

/**
 * The same attacker, each request sent `intervalMs` after the previous one was (or at once when
 * that is past), as the measured store's attacks were: redis-server then sleeps between requests
 * as it did for them, and waking up is part of what a request costs it. It spins rather than
 * sleeps, since a timer cannot wait a tenth of a millisecond.
 */
function paced(attacker: Attacker, intervalMs: number): Attacker {
  let next = 0;
  return {
    ...attacker,
    attack: async (gameId, weapon) => {
      let now = performance.now();
      while (now < next) now = performance.now();
      next = now + intervalMs;
      await attacker.attack(gameId, weapon);
    },
  };
}

/**
 * A floor: one PING per "attack", what one round trip costs redis-server on this machine before
 * any command runs (reading the request, writing the reply, the event loop).
 */
function pingFloor(client: RedisClient, name: string): Attacker {
  return {
    name,
    attack: async () => {
      await client.ping();
    },
    loggedEvents: () => Promise.resolve(0),
  };
}

/** An EVALSHA of a script that does nothing, with a real commit's keys and arguments. */
const EMPTY_SCRIPT = "return 'COMMITTED'";

/**
 * What calling a script costs redis-server before it does anything: an EVALSHA of
 * {@link EMPTY_SCRIPT} with `args` (the sha, key count, keys and ARGV of a real commit).
 */
function emptyScriptFloor(client: RedisClient, sha: string, args: readonly unknown[]): Attacker {
  const [, numKeys, ...rest] = args.map(String);
  return {
    name: "empty script, the commit's arguments (paced)",
    attack: async () => {
      await client.evalsha(sha, numKeys ?? "0", ...rest);
    },
    loggedEvents: () => Promise.resolve(0),
  };
}

/** Several measures of one attacker as one: sums of attacks, CPU and time, calls merged. */
function combined(costs: readonly AttackCost[]): AttackCost {
  const first = costs[0];
  if (!first) throw new Error("nothing to combine");
  const attacks = costs.reduce((n, c) => n + c.attacks, 0);
  const mean = (of: (c: AttackCost) => number): number =>
    costs.reduce((sum, c) => sum + of(c) * c.attacks, 0) / attacks;
  const commands = new Map<string, CommandCost>();
  for (const cost of costs) {
    for (const c of cost.commands) {
      const seen = commands.get(c.command) ?? {
        command: c.command,
        callsPerAttack: 0,
        usecPerAttack: 0,
      };
      seen.callsPerAttack += (c.callsPerAttack * cost.attacks) / attacks;
      seen.usecPerAttack += (c.usecPerAttack * cost.attacks) / attacks;
      commands.set(c.command, seen);
    }
  }
  return {
    attacker: first.attacker,
    attacks,
    roundTripsPerAttack: mean((c) => c.roundTripsPerAttack),
    redisCpuUsPerAttack: mean((c) => c.redisCpuUsPerAttack),
    msPerAttack: mean((c) => c.msPerAttack),
    lastEvalsha: costs.at(-1)?.lastEvalsha,
    commands: [...commands.values()].sort((a, b) => b.usecPerAttack - a.usecPerAttack),
  };
}

/**
 * Redis's cost of one attack, this store against the naive baseline, on the same data: for each,
 * a game of `monsters` whose log is filled to `maxEvents`, then `count` sequential attacks with
 * `weapon`. Both games are deleted afterwards. The cached store is measured in `rounds` parts,
 * each followed by the floors, `count / rounds` requests each: a PING paced like that part's
 * attacks, a PING back to back, and an empty script given that part's last commit's arguments,
 * paced alike; so a slow patch of the shared machine weighs on the attacks and their floors alike.
 */
export async function compareAttackCost(
  client: RedisClient,
  keyPrefix: string,
  monsters: readonly MonsterSpec[],
  weapon: Weapon,
  maxEvents: number,
  count: number,
  rounds = 4,
): Promise<CostRow[]> {
  const repository = new RedisGameRepository(client, { ttlMs: 3_600_000, maxEvents, keyPrefix });
  const serviceWith = (cache?: LruGameStateCache) =>
    new GameService({
      repository,
      dice: new PureRandDiceFactory(),
      tokens: new CryptoPlayerTokens(),
      ids: new CryptoGameIdGenerator(),
      clock: new SystemClock(),
      cache,
    });
  const service = serviceWith();
  const tokens = new Map<string, string>();
  const cached = serviceAttacker(
    "this store, cached (GameService.attack)",
    serviceWith(new LruGameStateCache(100)),
    tokens,
  );
  const attackers = [
    cached,
    serviceAttacker("this store, no cache (load + commit, before)", service, tokens),
    naiveAttacker(client, keyPrefix, maxEvents, () => Date.now()),
  ];
  const floors: Record<Exclude<CostKind, "store">, AttackCost[]> = {
    "ping, paced": [],
    "ping, back to back": [],
    "empty script, paced": [],
  };
  const emptySha = String(await client.script("LOAD", EMPTY_SCRIPT));
  const rows: CostRow[] = [];
  for (const attacker of attackers) {
    const started = await service.startGame({ seed: 3, monsters });
    const gameId = started.game.id;
    tokens.set(gameId, started.playerToken);
    try {
      await fillLog(attacker, gameId, weapon, maxEvents);
      const parts: AttackCost[] = [];
      const perRound = attacker === cached ? Math.ceil(count / rounds) : count;
      for (let done = 0; done < count; done += perRound) {
        const part = await measureAttacks(client, attacker, gameId, weapon, perRound);
        parts.push(part);
        if (attacker !== cached) continue;
        const pace = part.msPerAttack;
        const floor = (name: string): Attacker => pingFloor(client, name);
        floors["ping, paced"].push(
          await measureAttacks(
            client,
            paced(floor("floor: 1 PING, paced like the cached attacks"), pace),
            "",
            weapon,
            perRound,
          ),
        );
        floors["ping, back to back"].push(
          await measureAttacks(client, floor("floor: 1 PING, back to back"), "", weapon, perRound),
        );
        if (part.lastEvalsha) {
          floors["empty script, paced"].push(
            await measureAttacks(
              client,
              paced(emptyScriptFloor(client, emptySha, part.lastEvalsha), pace),
              "",
              weapon,
              perRound,
            ),
          );
        }
      }
      rows.push({
        ...combined(parts),
        kind: "store",
        bytes: await gameBytes(client, keyPrefix, gameId),
      });
    } finally {
      await repository.delete(gameId);
    }
  }
  for (const [kind, costs] of Object.entries(floors)) {
    if (costs.length > 0) rows.push({ ...combined(costs), kind: kind as CostKind });
  }
  return rows;
}
