--[[
  Moves an import job to its next status when that is allowed, atomically (the job may run on another instance).

  Input:
    KEYS[1]  the job hash
    ARGV[1]  "cancel": ask a queued or running job to stop (the worker sees the flag at its next chunk);
             "commit": a running job starts committing, unless a cancel was asked for
    ARGV[2]  now, epoch milliseconds

  Output (codes as named in scripts.ts, ScriptCode):
    1  TRANSITIONED
   -2  NOT_FOUND: no such job
   -3  REFUSED: cancel of a job that is committing or finished; commit of a job asked to cancel
]]
local jobKey, action, now = KEYS[1], ARGV[1], ARGV[2]
local status = redis.call('HGET', jobKey, 'status')
if not status then return -2 end
if action == 'cancel' then
  if status ~= 'queued' and status ~= 'running' then return -3 end
  redis.call('HSET', jobKey, 'cancel', '1', 'updated', now)
  return 1
end
if redis.call('HGET', jobKey, 'cancel') == '1' then return -3 end
redis.call('HSET', jobKey, 'status', 'committing', 'updated', now)
return 1
