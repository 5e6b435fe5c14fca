--[[
  The commit point of a large document write (store/document-writer.ts), O(1) in the rows: checks the document's rev,
  puts the staged row list, the document hash and its place in the docs zset in place (or, to delete the document,
  moves its row list aside and takes it out of the zset), bumps the rev, and registers the write in the TM's
  `writing` hash. From here on the write happens: applyDocument renames the staged units into place (or deletes the
  dropped ones) a chunk at a time, any process may do it (store/settled.ts finishes a write whose applier stopped),
  and finishDocument logs it and ends it. Readers of the TM's units and documents wait while `writing` exists, so
  they see the document whole before this call or after finishDocument's.

  Input:
    KEYS[1]  doc hash
    KEYS[2]  doc rows list
    KEYS[3]  docs zset of the TM
    KEYS[4]  the TM's `writing` hash (writes being applied)
    KEYS[5]  staged row list (put: renamed over KEYS[2])
    KEYS[6]  staged list of the ids to delete (delete: KEYS[2] is renamed to it)
    KEYS[7]  the write's heartbeat key (set for ARGV[5] ms)

    ARGV[1]  mode: "put" or "delete"
    ARGV[2]  the write's token
    ARGV[3]  document id
    ARGV[4]  the document's rev the caller saw (empty string when it did not exist)
    ARGV[5]  heartbeat time to live, milliseconds
    ARGV[6]  approximate maximum length of the log stream (kept for finishDocument)
    put only:
    ARGV[7]  content hash of the new document (meta + rows)
    ARGV[8]  order (number)
    ARGV[9]  meta fields as JSON object of strings: titles, source, date, url
    ARGV[10] now, epoch milliseconds
    ARGV[11] N, number of rows of the document

  Output (codes as named in scripts.ts, ScriptCode):
    1  COMMITTED: the write is registered; apply it (applyDocument) and end it (finishDocument)
    0  UNCHANGED: put of the content the document already has; nothing written
   -1  CONFLICT: the document's rev is not ARGV[4] (it changed since the caller read it; also when it is the same
       content, written meanwhile by another caller that, like this one, saw no document): stage again
   -2  NOT_FOUND: delete of a document that does not exist
]]
local docKey, rowsKey, docsKey, writingKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local stagedRows, dropKey, aliveKey = KEYS[5], KEYS[6], KEYS[7]
local mode, token, docId, seenRev, aliveMs, maxLen = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

local rev = redis.call('HGET', docKey, 'rev') or ''
if mode == 'put' then
  -- A caller that saw no document did not make this one, even with the same content: another write did, meanwhile.
  if seenRev == '' and rev ~= '' then return -1 end
  if (redis.call('HGET', docKey, 'hash') or '') == ARGV[7] then return 0 end
elseif redis.call('EXISTS', docKey) == 0 then
  return -2
end
if rev ~= seenRev then return -1 end

if mode == 'put' then
  local order, meta, now = tonumber(ARGV[8]), cjson.decode(ARGV[9]), ARGV[10]
  redis.call('RENAME', stagedRows, rowsKey)
  redis.call('PERSIST', rowsKey)
  local created = redis.call('HGET', docKey, 'created') or now
  redis.call('HSET', docKey, 'hash', ARGV[7], 'order', order, 'segments', ARGV[11], 'created', created,
    'updated', now, 'titles', meta.titles, 'source', meta.source, 'date', meta.date, 'url', meta.url)
  redis.call('ZADD', docsKey, order, docId)
else
  if redis.call('EXISTS', rowsKey) == 1 then redis.call('RENAME', rowsKey, dropKey) end
  redis.call('ZREM', docsKey, docId)
end
redis.call('HINCRBY', docKey, 'rev', 1)
redis.call('HSET', docKey, 'writing', token)
redis.call('HSET', writingKey, token, cjson.encode({ doc = docId, mode = mode, logMaxLen = tonumber(maxLen) }))
redis.call('SET', aliveKey, '1', 'PX', aliveMs)
return 1
