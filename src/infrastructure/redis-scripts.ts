/**
 * The Lua scripts of the Redis store. Each runs atomically, so a turn is either wholly written or
 * not at all, and needs no WATCH (unsafe on a shared connection). Write scripts get every key they
 * touch through KEYS (Redis Cluster needs that), in RedisGameKeys.forScript's order: game, array,
 * events, then the monsters front first.
 *
 * Arguments are flat strings in fixed positions, never a JSON document: decoding one with cjson
 * on every call was a measurable part of a turn's cost in redis-server, which every instance
 * shares. A list of fields is given as its length followed by its items.
 */

/**
 * Creates a game unless its id exists. KEYS: forScript(ids). ARGV: ttl ms, commit id, the opening
 * turn's log entry, how many events it holds, then the game hash (n, fields...), then for each
 * monster in KEYS's order: its id, n, fields... Returns 1 when created (or when this very creation
 * was already done), 0 when the id was taken.
 */
export const CREATE_GAME = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  -- A client may send this script again after losing the reply (a Cluster failover does):
  -- the game it created then carries its commit id, and it was created.
  if redis.call('HGET', KEYS[1], 'lastCommit') == ARGV[2] then return 1 end
  return 0
end
local n = tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'lastCommit', ARGV[2], 'loggedEvents', ARGV[4], 'ttl', ARGV[1],
  unpack(ARGV, 6, 5 + n))
local at = 6 + n
local ids = {}
for i = 4, #KEYS do
  ids[#ids + 1] = ARGV[at]
  local k = tonumber(ARGV[at + 1])
  redis.call('HSET', KEYS[i], unpack(ARGV, at + 2, at + 1 + k))
  at = at + 2 + k
end
redis.call('RPUSH', KEYS[2], unpack(ids))
if ARGV[3] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[3]) end
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
return 1
`;

/**
 * Reads a whole game in one round trip. KEYS: game, array. ARGV: the monsters' key prefix
 * (RedisGameKeys.monsterPrefix). Returns nil when there is no game, else {game fields, monster
 * ids, {fields of each monster}}.
 *
 * The only script that names keys itself: the monster ids are known only once the list is read.
 * Their prefix carries the same {gameId} hash tag, so they live in the same Cluster slot as the
 * declared keys, which Redis Cluster permits.
 */
export const LOAD_GAME = `
local game = redis.call('HGETALL', KEYS[1])
if #game == 0 then return false end
local ids = redis.call('LRANGE', KEYS[2], 0, -1)
local monsters = {}
for i, id in ipairs(ids) do monsters[i] = redis.call('HGETALL', ARGV[1] .. id) end
return {game, ids, monsters}
`;

/**
 * Commits one change (a turn, or a monster patched) if the stored version is still the expected
 * one. KEYS: forScript(ids of the monsters before the change). ARGV: expected version, commit id,
 * ttl ms, the TTL refresh interval ms, most events kept, how many more the log may hold before it
 * is trimmed, how many front monsters died, the turn's log entry ('' for none), how many events
 * it holds, channel, message, the monsters' key prefix, then the game hash's changed fields (n,
 * fields...) with updatedAt among them, then each changed monster: its KEYS index, n, fields...
 * Returns COMMITTED, NOT_FOUND (no game: abandoned or expired), or, when another commit moved the
 * game on, {CONFLICT, game fields, monster ids, {fields of each monster}} (LOAD_GAME's reply): the
 * caller recomputes from that without a load. Idempotent: a repeat of an applied commit (same
 * commit id) answers COMMITTED and writes nothing.
 *
 * Every call a script makes costs redis-server a few microseconds, and every instance shares that
 * server, so a turn makes as few as it can: read the game hash's state, check the type of the
 * monster it changes, append to the log, write the game hash, the changed monster, the array when
 * a monster died, publish. The rest is done only now and then:
 * - The log is trimmed once it holds `slack` events more than the most kept, by dropping the
 *   oldest entries beyond those; `recentEvents` never returns more than the most kept.
 * - The TTL of every key is refreshed when this commit's updatedAt falls in another interval
 *   (a hundredth of the TTL by default) than the previous commit's: the last refresh was then in
 *   the previous commit's interval, so after any commit a game has at least TTL minus one
 *   interval to live, and an abandoned one still expires. The game hash's `ttl` says which TTL
 *   the keys were last given: a commit under another one (the setting changed) refreshes them.
 *
 * Atomic: Redis does not undo a script's earlier writes when a later command fails, so no write
 * may fail after the first. The game hash's type is proven by the HMGET, the type of every
 * monster written and of the array (when a monster died) is checked before any write, and the
 * log is the first key written, so a log of the wrong type refuses the turn before anything is
 * written. A log found missing (deleted by hand) starts over, counted from this turn and given
 * the TTL.
 */
export const COMMIT_TURN = `
local state = redis.call('HMGET', KEYS[1], 'version', 'lastCommit', 'loggedEvents', 'updatedAt', 'ttl')
if not state[1] then return 'NOT_FOUND' end
if state[1] ~= ARGV[1] then
  -- The same commit sent again (its reply was lost, and a client resent it) finds its own id
  -- as the last commit: it was applied once, and is not applied twice.
  if state[2] == ARGV[2] then return 'COMMITTED' end
  -- The monster ids are known only once the list is read, as in LOAD_GAME (same hash tag).
  local ids = redis.call('LRANGE', KEYS[2], 0, -1)
  local monsters = {}
  for i, id in ipairs(ids) do monsters[i] = redis.call('HGETALL', ARGV[12] .. id) end
  return {'CONFLICT', redis.call('HGETALL', KEYS[1]), ids, monsters}
end
local n = tonumber(ARGV[13])
local interval = tonumber(ARGV[4])
local before = tonumber(state[4])
local refresh = true
for i = 14, 12 + n, 2 do
  if ARGV[i] == 'updatedAt' and before then
    refresh = math.floor(before / interval) ~= math.floor(tonumber(ARGV[i + 1]) / interval)
  end
end
-- Keys set under another TTL (the setting changed since) follow the rule only once refreshed.
if state[5] ~= ARGV[3] then refresh = true end
local pop = tonumber(ARGV[7])
local function wrongType(key, wanted)
  local found = redis.call('TYPE', key).ok
  if found ~= wanted and found ~= 'none' then
    return redis.error_reply('WRONGTYPE ' .. key .. ' holds a ' .. found .. ', not a ' .. wanted)
  end
  return false
end
local bad = pop > 0 and wrongType(KEYS[2], 'list')
if bad then return bad end
-- Each changed monster: its KEYS index, and where its fields start and end in ARGV.
local changes = {}
local at = 14 + n
while at <= #ARGV do
  local k = tonumber(ARGV[at + 1])
  changes[#changes + 1] = {tonumber(ARGV[at]), at + 2, at + 1 + k}
  at = at + 2 + k
end
for _, change in ipairs(changes) do
  bad = wrongType(KEYS[change[1]], 'hash')
  if bad then return bad end
end
local fields = {'lastCommit', ARGV[2]}
if ARGV[8] ~= '' then
  local length = redis.call('RPUSH', KEYS[3], ARGV[8])
  local logged = (tonumber(state[3]) or 0) + tonumber(ARGV[9])
  if length == 1 then
    logged = tonumber(ARGV[9])
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
  end
  local max = tonumber(ARGV[5])
  if logged > max + tonumber(ARGV[6]) then
    -- Each entry holds at least one event, so the oldest (logged - max) entries hold all the
    -- events to drop: drop every whole entry among them that holds only such events.
    -- At most 1,000 entries a turn, so a log made much shorter by the setting is trimmed over
    -- several turns instead of blocking Redis on one.
    local excess = logged - max
    local drop, dropped = 0, 0
    for _, entry in ipairs(redis.call('LRANGE', KEYS[3], 0, math.min(excess, 1000) - 1)) do
      local count = select(2, string.gsub(entry, '\\30', ''))
      if dropped + count > excess then break end
      dropped = dropped + count
      drop = drop + 1
    end
    if drop > 0 then redis.call('LTRIM', KEYS[3], drop, -1) end
    logged = logged - dropped
  end
  fields[#fields + 1] = 'loggedEvents'
  fields[#fields + 1] = logged
end
for i = 14, 13 + n do fields[#fields + 1] = ARGV[i] end
if refresh then
  fields[#fields + 1] = 'ttl'
  fields[#fields + 1] = ARGV[3]
end
redis.call('HSET', KEYS[1], unpack(fields))
for i = 1, pop do
  redis.call('DEL', KEYS[3 + i])
  redis.call('LPOP', KEYS[2])
end
for _, change in ipairs(changes) do
  redis.call('HSET', KEYS[change[1]], unpack(ARGV, change[2], change[3]))
end
if ARGV[8] ~= '' then redis.call('PUBLISH', ARGV[10], ARGV[11]) end
if refresh then
  for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return 'COMMITTED'
`;

/**
 * Deletes a game and tells its subscribers, atomically. KEYS: forScript(ids). ARGV: channel,
 * message, the expected version ('' for any). Returns DELETED; NOT_FOUND when there is no game
 * (nothing deleted or published); or {CONFLICT, version} when the game is at another version
 * than expected (nothing deleted).
 */
export const DELETE_GAME = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return 'NOT_FOUND' end
if ARGV[3] ~= '' and version ~= ARGV[3] then return {'CONFLICT', version} end
redis.call('DEL', unpack(KEYS))
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 'DELETED'
`;
