--[[
  Moves an import job to its next status when that is allowed, atomically (the job may run on another instance).

  Input:
    KEYS[1]  the job hash
    ARGV[1]  "cancel": ask a queued or running job to stop (the worker sees the flag at its next chunk);
             "commit": a running job starts committing, unless a cancel was asked for
    ARGV[2]  now, epoch milliseconds
    ARGV[3]  (cancel) abandoned before, epoch milliseconds: a running or committing job whose `heartbeat` (or, with
             none, `updated`) is older has no process left to act on a cancel; it is made `failed` here instead
    ARGV[4]  (cancel) that failed job's `error` field (JSON)

  Output (codes as named in scripts.ts, ScriptCode):
    1  TRANSITIONED
   -2  NOT_FOUND: no such job
   -3  REFUSED: cancel of a job that is committing or finished; commit of a job asked to cancel
   -7  ABANDONED: cancel of an abandoned job, now failed (its staged keys are the caller's to drop)
]]
local jobKey, action, now = KEYS[1], ARGV[1], ARGV[2]
local status = redis.call('HGET', jobKey, 'status')
if not status then return -2 end
if action == 'cancel' then
  if ARGV[3] and (status == 'running' or status == 'committing') then
    local beat = tonumber(redis.call('HGET', jobKey, 'heartbeat') or redis.call('HGET', jobKey, 'updated') or '0')
    if beat < tonumber(ARGV[3]) then
      redis.call('HSET', jobKey, 'status', 'failed', 'error', ARGV[4], 'updated', now, 'finished', now)
      return -7
    end
  end
  if status ~= 'queued' and status ~= 'running' then return -3 end
  redis.call('HSET', jobKey, 'cancel', '1', 'updated', now)
  return 1
end
if redis.call('HGET', jobKey, 'cancel') == '1' then return -3 end
redis.call('HSET', jobKey, 'status', 'committing', 'updated', now)
return 1
