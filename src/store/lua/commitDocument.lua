--[[
  Puts a staged large document in place (store/document-writer.ts) in one call whose work is a RENAME per staged
  copy of an existing unit plus a few commands per 1,000 ids (a new document's units were written in place while
  staging, so it has nothing to rename): every reader sees the document whole, before or after. Staging
  (stageDocument) did the reading and writing of texts in chunks.

  Input:
    KEYS[1]             doc hash
    KEYS[2]             doc rows list
    KEYS[3]             docs zset of the TM
    KEYS[4]             units set of the TM
    KEYS[5]             log stream of the TM
    KEYS[6]             log seq counter of the TM
    KEYS[7]             staged row list (renamed over KEYS[2])
    KEYS[8..7+C]        unit hashes of the staged units
    KEYS[8+C..7+2C]     their staged copies, same order (renamed over them)
    KEYS[8+2C..]        unit hashes of rows the caller saw in the old document and that the new one drops

    ARGV[1]  document id
    ARGV[2]  content hash of the new document (meta + rows)
    ARGV[3]  the document's rev the caller saw (empty string when it did not exist)
    ARGV[4]  order (number)
    ARGV[5]  meta fields as JSON object of strings: titles, source, date, url
    ARGV[6]  now, epoch milliseconds
    ARGV[7]  approximate maximum length of the log stream
    ARGV[8]  N, number of rows of the document
    ARGV[9]  C, number of staged units
    ARGV[10] M, number of units stageDocument created in place (new units: nothing to rename)
    ARGV[11] the TM's change channel: the last seq is published there when anything changed
    ARGV[12..11+C]        ids of the staged units, same order as their KEYS
    ARGV[12+C..11+C+M]    ids of the new units
    then, per dropped unit, its id (same order as the KEYS)

  The change log gets one entry per 1,000 units: instead of `id`, a field `ids` holding their ids separated by spaces
  (unit ids hold none).
  Staged copies expire a day after staging: the caller commits right after staging, so they are there.

  Output (codes as named in scripts.ts, ScriptCode):
    number of units written or deleted (>= 0; 0: the document was already exactly this)
    -1 CONFLICT: the document's rev is not ARGV[3] (it changed since the caller read it; also when it is the same
       content, written meanwhile by another caller that, like this one, saw no document): stage again
]]
local docKey, rowsKey, docsKey, unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local stagedRows = KEYS[7]
local docId, newHash, seenRev = ARGV[1], ARGV[2], ARGV[3]
local order, metaJson, now, maxLen = tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7]
local n, c, m, channel = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11]
local GROUP = 1000

local current = redis.call('HGET', docKey, 'hash') or ''
local rev = redis.call('HGET', docKey, 'rev') or ''
-- A caller that saw no document did not make this one, even with the same content: another write did, meanwhile.
if seenRev == '' and rev ~= '' then return -1 end
if current == newHash then return 0 end
if rev ~= seenRev then return -1 end

-- ids[from..to] (ARGV positions) logged as `op`, GROUP ids per entry; `each` runs once per id first.
local function apply(from, to, op, each)
  for g = from, to, GROUP do
    local last = math.min(g + GROUP - 1, to)
    local members = {}
    for a = g, last do
      each(a)
      members[#members + 1] = ARGV[a]
    end
    if op == 'put' then
      redis.call('SADD', unitsKey, unpack(members))
    else
      redis.call('SREM', unitsKey, unpack(members))
    end
    local seq = redis.call('INCR', seqKey)
    redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', op, 'ids', table.concat(members, ' '))
  end
end

local first = 12 -- ARGV position of the first staged id
apply(first, first + c - 1, 'put', function(a)
  local unitKey = KEYS[8 + (a - first)]
  redis.call('RENAME', KEYS[8 + c + (a - first)], unitKey)
  redis.call('PERSIST', unitKey) -- the staged copy's expiry is not the unit's
end)
apply(first + c, first + c + m - 1, 'put', function() end)
local dropped = #ARGV - (first - 1) - c - m
apply(first + c + m, #ARGV, 'del', function(a) redis.call('DEL', KEYS[8 + 2 * c + (a - first - c - m)]) end)

redis.call('RENAME', stagedRows, rowsKey)
redis.call('PERSIST', rowsKey)

local meta = cjson.decode(metaJson)
local created = redis.call('HGET', docKey, 'created') or now
redis.call('HSET', docKey, 'hash', newHash, 'order', order, 'segments', n, 'created', created, 'updated', now,
  'titles', meta.titles, 'source', meta.source, 'date', meta.date, 'url', meta.url)
redis.call('HINCRBY', docKey, 'rev', 1)
redis.call('ZADD', docsKey, order, docId)
local changed = c + m + dropped
if changed > 0 then redis.call('PUBLISH', channel, redis.call('GET', seqKey)) end
return changed
