/**
 * The Lua scripts of the Redis store. Each runs atomically, so a turn is either wholly written or
 * not at all, and needs no WATCH (unsafe on a shared connection). Write scripts get every key they
 * touch through KEYS (Redis Cluster needs that), in RedisGameKeys.forScript's order: game, array,
 * events, then the monsters front first.
 *
 * Arguments are flat strings in fixed positions, never a JSON document: decoding one with cjson
 * on every call was a measurable part of a turn's cost in redis-server, which every instance
 * shares. A list of fields is given as its length followed by its items, which a script hands to
 * HSET with unpack() as they are: packing a list into one argument and splitting it in Lua
 * (string.gmatch) saves arguments but was measured to cost redis-server more than it saves.
 *
 * The field names are those of redis-game-codec.ts (GAME_FIELD): `lc` last commit, `le` logged
 * events, `tl` the TTL, `o` the opening turn's log entry, `v` version, `ua` updatedAt.
 */

/**
 * Creates a game unless its id exists. KEYS: forScript(ids). ARGV: ttl ms, commit id, the opening
 * turn's log entry, how many events it holds, then the game hash (n, fields...), then for each
 * monster in KEYS's order: its id, n, fields... Returns 1 when created (or when this very creation
 * was already done), 0 when the id was taken.
 *
 * The opening entry goes into the game hash (`o`), not the log: on Redis 7.0 even a one-entry list
 * costs about 200 bytes, a seventh of a fresh game. The first turn's commit moves it to the log.
 */
export const CREATE_GAME = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  -- A client may send this script again after losing the reply (a Cluster failover does):
  -- the game it created then carries its commit id, and it was created.
  if redis.call('HGET', KEYS[1], 'lc') == ARGV[2] then return 1 end
  return 0
end
local n = tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'lc', ARGV[2], 'le', ARGV[4], 'tl', ARGV[1], unpack(ARGV, 6, 5 + n))
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'o', ARGV[3]) end
local at = 6 + n
local ids = {}
for i = 4, #KEYS do
  ids[#ids + 1] = ARGV[at]
  local k = tonumber(ARGV[at + 1])
  redis.call('HSET', KEYS[i], unpack(ARGV, at + 2, at + 1 + k))
  at = at + 2 + k
end
redis.call('RPUSH', KEYS[2], unpack(ids))
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
 * Reads the last entries of a game's log. KEYS: game, events. ARGV: how many entries. Before the
 * first turn the log does not exist yet and the opening entry is in the game hash (CREATE_GAME):
 * a script, so that a commit moving it in between cannot make it look absent from both.
 */
export const READ_LOG = `
local entries = redis.call('LRANGE', KEYS[2], -tonumber(ARGV[1]), -1)
if #entries == 0 then
  local opening = redis.call('HGET', KEYS[1], 'o')
  if opening then return {opening} end
end
return entries
`;

/**
 * Commits one change (a turn, or a monster patched) if the stored version is still the expected
 * one. KEYS: forScript(ids of the monsters before the change). ARGV: expected version, commit id,
 * ttl ms, "<the TTL refresh interval ms> <most events kept> <how many more the log may hold before
 * it is trimmed>", how many front monsters died, the turn's log entry ('' for none), how many
 * events it holds, channel, the message's game part (published after the log entry and 0x1D),
 * updatedAt, the game hash's changed fields (n, fields...), then each changed monster: its KEYS
 * index, n, fields... The monsters' keys start as the game's, with `m:` for `g` (read only on a
 * conflict).
 * Returns COMMITTED, NOT_FOUND (no game: abandoned or expired), or, when another commit moved the
 * game on, {CONFLICT, game fields, monster ids, {fields of each monster}} (LOAD_GAME's reply): the
 * caller recomputes from that without a load. Idempotent: a repeat of an applied commit (same
 * commit id) answers COMMITTED and writes nothing.
 *
 * Every call a script makes, every field it reads or writes and every Lua string it builds costs
 * redis-server time, and every instance shares that server, so a common turn does only this: read
 * four fields of the game hash, append to the log, write the changed monster, write the game
 * hash's changed fields, publish. The rest is done only now and then:
 * - The log is trimmed once it holds `slack` events more than the most kept, by dropping the
 *   oldest entries beyond those; `recentEvents` never returns more than the most kept.
 * - The TTL of every key is refreshed when this commit's updatedAt falls in another interval
 *   (a hundredth of the TTL by default) than the previous commit's: the last refresh was then in
 *   the previous commit's interval, so after any commit a game has at least TTL minus one
 *   interval to live, and an abandoned one still expires. The game hash's `tl` says which TTL
 *   the keys were last given: a commit under another one (the setting changed) refreshes them.
 * - The first turn (its entry starts with turn 1) moves the opening entry (`o`) from the game
 *   hash to the log; the last commit's id (`lc`) is read only when the version differs.
 *
 * Atomic: Redis does not undo a script's earlier writes when a later command fails, so the
 * script does. The game hash's type is proven by the HMGET. The log is written first (a log of the
 * wrong type refuses the turn before anything is written), then the changed monster: if that
 * fails (not a hash), the log entry is taken back and the error returned, so a turn is wholly
 * written or not at all, without a TYPE check on the common turn. The rarer changes that write
 * more (a monster died, or several monsters change) check every type before the first write. A
 * log found missing (deleted by hand) starts over, counted from this turn and given the TTL.
 */
export const COMMIT_TURN = `
local state = redis.call('HMGET', KEYS[1], 'v', 'le', 'ua', 'tl')
if not state[1] then return 'NOT_FOUND' end
if state[1] ~= ARGV[1] then
  -- The same commit sent again (its reply was lost, and a client resent it) finds its own id
  -- as the last commit: it was applied once, and is not applied twice.
  if redis.call('HGET', KEYS[1], 'lc') == ARGV[2] then return 'COMMITTED' end
  -- The monster ids are known only once the list is read, as in LOAD_GAME (same hash tag).
  local ids = redis.call('LRANGE', KEYS[2], 0, -1)
  local monsters = {}
  local prefix = string.sub(KEYS[1], 1, -2) .. 'm:'
  for i, id in ipairs(ids) do monsters[i] = redis.call('HGETALL', prefix .. id) end
  return {'CONFLICT', redis.call('HGETALL', KEYS[1]), ids, monsters}
end
local interval, max, slack = string.match(ARGV[4], '^(%d+) (%d+) (%d+)$')
interval = tonumber(interval)
local before = tonumber(state[3])
-- Keys set under another TTL (the setting changed since) follow the rule only once refreshed.
local refresh = state[4] ~= ARGV[3] or not before
  or math.floor(before / interval) ~= math.floor(tonumber(ARGV[10]) / interval)
local pop = tonumber(ARGV[5])
local n = tonumber(ARGV[11])
-- Each changed monster: its key, and where its fields start and end in ARGV.
local changes = {}
local at = 12 + n
while at <= #ARGV do
  local k = tonumber(ARGV[at + 1])
  changes[#changes + 1] = {KEYS[tonumber(ARGV[at])], at + 2, at + 1 + k}
  at = at + 2 + k
end
if pop > 0 or #changes > 1 then
  local function wrongType(key, wanted)
    local found = redis.call('TYPE', key).ok
    if found ~= wanted and found ~= 'none' then
      return redis.error_reply('WRONGTYPE ' .. key .. ' holds a ' .. found .. ', not a ' .. wanted)
    end
    return false
  end
  local bad = pop > 0 and wrongType(KEYS[2], 'list')
  if bad then return bad end
  for _, change in ipairs(changes) do
    bad = wrongType(change[1], 'hash')
    if bad then return bad end
  end
end
local logged = tonumber(state[2]) or 0
local pushed, length = 0, 0
if ARGV[6] ~= '' then
  local opening = string.sub(ARGV[6], 1, 2) == '1\\30' and redis.call('HGET', KEYS[1], 'o')
  if opening then
    length = redis.call('RPUSH', KEYS[3], opening, ARGV[6])
    pushed = 2
  else
    length = redis.call('RPUSH', KEYS[3], ARGV[6])
    pushed = 1
  end
end
for _, change in ipairs(changes) do
  local written = redis.pcall('HSET', change[1], unpack(ARGV, change[2], change[3]))
  if type(written) == 'table' and written.err then
    -- Take the log entry back: the turn is not written at all.
    if pushed > 0 and length == pushed then redis.call('DEL', KEYS[3])
    elseif pushed > 0 then redis.call('RPOP', KEYS[3], pushed) end
    return written
  end
end
if pushed > 0 then
  logged = logged + tonumber(ARGV[7])
  if length == pushed then
    -- A new log: the first turn's, or one deleted by hand, which starts over from this turn.
    if pushed == 1 then logged = tonumber(ARGV[7]) end
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
  end
  max = tonumber(max)
  if logged > max + tonumber(slack) then
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
end
redis.call('HSET', KEYS[1], 'lc', ARGV[2], 'le', logged, 'tl', ARGV[3], unpack(ARGV, 12, 11 + n))
if pushed == 2 then redis.call('HDEL', KEYS[1], 'o') end
for i = 1, pop do
  redis.call('DEL', KEYS[3 + i])
  redis.call('LPOP', KEYS[2])
end
if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[8], ARGV[6] .. '\\29' .. ARGV[9]) end
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
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return 'NOT_FOUND' end
if ARGV[3] ~= '' and version ~= ARGV[3] then return {'CONFLICT', version} end
redis.call('DEL', unpack(KEYS))
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 'DELETED'
`;
