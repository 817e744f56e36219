/**
 * The Lua scripts of the Redis store. Each runs atomically, so a turn is either wholly written or
 * not at all, and needs no WATCH (unsafe on a shared connection). Write scripts get every key they
 * touch through KEYS (Redis Cluster needs that); values come as one JSON argument of strings.
 */

/**
 * Creates a game unless its id exists. KEYS: forScript(ids). ARGV: ttl ms, payload
 * `{game: [f, v, ...], rabbit: [...], monsters: [[f, v, ...], ...], ids: [...], events: [json...],
 *   commitId}`. Returns 1 when created (or when this very creation was already done), 0 when the
 * id was taken.
 */
export const CREATE_GAME = `
local p = cjson.decode(ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 1 then
  -- A client may send this script again after losing the reply (a Cluster failover does):
  -- the game it created then carries its commit id, and it was created.
  if redis.call('HGET', KEYS[1], 'lastCommit') == p.commitId then return 1 end
  return 0
end
redis.call('HSET', KEYS[1], unpack(p.game))
redis.call('HSET', KEYS[1], 'lastCommit', p.commitId)
redis.call('HSET', KEYS[2], unpack(p.rabbit))
for i, fields in ipairs(p.monsters) do redis.call('HSET', KEYS[4 + i], unpack(fields)) end
redis.call('RPUSH', KEYS[3], unpack(p.ids))
if #p.events > 0 then redis.call('RPUSH', KEYS[4], unpack(p.events)) end
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
return 1
`;

/**
 * Reads a whole game in one round trip. KEYS: game, rabbit, array. ARGV: the monsters' key prefix
 * (RedisGameKeys.monsterPrefix). Returns nil when there is no game, else {game fields, rabbit
 * fields, monster ids, {fields of each monster}}.
 *
 * The only script that names keys itself: the monster ids are known only once the list is read.
 * Their prefix carries the same {gameId} hash tag, so they live in the same Cluster slot as the
 * declared keys, which Redis Cluster permits.
 */
export const LOAD_GAME = `
local game = redis.call('HGETALL', KEYS[1])
if #game == 0 then return false end
local rabbit = redis.call('HGETALL', KEYS[2])
local ids = redis.call('LRANGE', KEYS[3], 0, -1)
local monsters = {}
for i, id in ipairs(ids) do monsters[i] = redis.call('HGETALL', ARGV[1] .. id) end
return {game, rabbit, ids, monsters}
`;

/**
 * Commits one change (a turn, or a monster patched) if the stored version is still the expected
 * one. KEYS: forScript(ids of the
 * monsters before the turn). ARGV: expected version, ttl ms, payload
 * `{game: [f, v, ...], rabbit: [...], pop: n, monsters: [[keyIndex, [f, v, ...]], ...],
 *   events: [json...], maxEvents: n, channel: name, message: json, commitId}`. Idempotent: a repeat
 * of an applied commit (same commitId) answers COMMITTED and writes nothing.
 * Refuses whole (WRONGTYPE) if any key has the wrong type; else pops and deletes the `pop` front
 * monsters that died, sets only the changed fields, appends the events to the capped log,
 * publishes them, and refreshes the TTL of every key.
 */
export const COMMIT_TURN = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return 'NOT_FOUND' end
local p = cjson.decode(ARGV[3])
if version ~= ARGV[1] then
  -- The same commit sent again (its reply was lost, and a client resent it) finds its own id
  -- as the last commit: it was applied once, and is not applied twice.
  if redis.call('HGET', KEYS[1], 'lastCommit') == p.commitId then return 'COMMITTED' end
  return 'CONFLICT'
end
-- Redis does not undo a script's earlier writes when a later command fails, so every key's type
-- is checked before the first write: a corrupt key refuses the whole turn instead of half of it.
for i = 2, #KEYS do
  local found = redis.call('TYPE', KEYS[i]).ok
  local wanted = (i == 3 or i == 4) and 'list' or 'hash'
  if found ~= wanted and found ~= 'none' then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. found .. ', not a ' .. wanted)
  end
end
redis.call('HSET', KEYS[1], unpack(p.game))
redis.call('HSET', KEYS[1], 'lastCommit', p.commitId)
if #p.rabbit > 0 then redis.call('HSET', KEYS[2], unpack(p.rabbit)) end
for i = 1, p.pop do
  redis.call('DEL', KEYS[4 + i])
  redis.call('LPOP', KEYS[3])
end
for _, change in ipairs(p.monsters) do redis.call('HSET', KEYS[change[1]], unpack(change[2])) end
if #p.events > 0 then
  redis.call('RPUSH', KEYS[4], unpack(p.events))
  redis.call('LTRIM', KEYS[4], -p.maxEvents, -1)
  redis.call('PUBLISH', p.channel, p.message)
end
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 'COMMITTED'
`;

/**
 * Deletes a game and tells its subscribers, atomically. KEYS: forScript(ids). ARGV: channel,
 * message. Returns how many keys it deleted (0: there was no game, and nothing is published).
 */
export const DELETE_GAME = `
local deleted = redis.call('DEL', unpack(KEYS))
if deleted > 0 then redis.call('PUBLISH', ARGV[1], ARGV[2]) end
return deleted
`;
