--[[
  Writes fields of an import job's record for its owner only (the fence: DESIGN.md, "Import jobs"): its progress,
  heartbeat, `ending` and end. A process that stopped beating long enough for another to take the job over (or to
  fail its reading as abandoned) may be stalled rather than dead; when it wakes, its writes are refused here, so that
  it cannot overwrite the new owner's progress or outcome.

  Input:
    KEYS[1]  the job hash
    ARGV[1]  the writer's owner epoch (lua/jobTransition); '' for a job never claimed (its upload failed, so it was
             never read): written only while the job has no owner
    ARGV[2]  time to live of the record, seconds ('' leaves it as it is)
    ARGV[3]  d, the number of fields to delete
    ARGV[4 .. 3+d]  the fields to delete
    ARGV[4+d ..]    field/value pairs to set

  Output (codes as named in scripts.ts, ScriptCode):
    1  WRITTEN
   -8  FENCED: the job's owner is another (or the job is gone): nothing written
]]
local jobKey, owner, ttl, d = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
if (redis.call('HGET', jobKey, 'owner') or '') ~= owner or redis.call('EXISTS', jobKey) == 0 then return -8 end
if d > 0 then redis.call('HDEL', jobKey, unpack(ARGV, 4, 3 + d)) end
if #ARGV > 3 + d then redis.call('HSET', jobKey, unpack(ARGV, 4 + d)) end
if ttl ~= '' then redis.call('EXPIRE', jobKey, ttl) end
return 1
