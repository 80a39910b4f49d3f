import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Lua scripts of the Redis limiter. Each runs atomically on the server and reads the
 * clock with `TIME`, so processes on different machines share one bucket and one
 * clock. Keys of one portal share a hash tag (`{key}`), so they live on one node of a
 * Redis Cluster. Replies are integers (Redis truncates Lua numbers) or strings.
 */
export interface LuaScript {
  lua: string;
  sha: string;
}

function script(lua: string): LuaScript {
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
}

const NOW_MS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** Current tokens after refill; `ts` may lie in the future while a penalty runs. */
const READ_BUCKET = `
local rate = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil or ts == nil then tokens = cap; ts = now end
if now > ts then
  tokens = math.min(cap, tokens + (now - ts) * rate)
  ts = now
end
`;

/**
 * KEYS: bucket, penalty. ARGV: rate (tokens per ms), capacity, cost.
 * Reply: 0 = granted, else ms to wait before asking again.
 */
export const TAKE = script(`${NOW_MS}
local penalty = redis.call('PTTL', KEYS[2])
if penalty > 0 then return penalty end
${READ_BUCKET}
local cost = tonumber(ARGV[3])
if tokens >= cost then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - cost), 'ts', tostring(ts))
  redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 60000)
  return 0
end
return math.max(1, (ts - now) + math.ceil((cost - tokens) / rate))
`);

/**
 * KEYS: bucket, penalty. ARGV: rate, capacity, retryAfterMs.
 * Sets the shared pause (kept if a longer one runs) and empties the bucket until it ends.
 */
export const PENALIZE = script(`${NOW_MS}
local ms = tonumber(ARGV[3])
if ms <= 0 then return 0 end
if redis.call('PTTL', KEYS[2]) >= ms then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ms)
redis.call('HSET', KEYS[1], 'tokens', '0', 'ts', tostring(now + ms))
redis.call('PEXPIRE', KEYS[1], ms + math.ceil(tonumber(ARGV[2]) / tonumber(ARGV[1])) + 60000)
return 1
`);

/**
 * KEYS: methods hash. ARGV: method, until (epoch ms, or 0), for (ms from now, or 0).
 * Keeps the later of two blocks.
 */
export const BLOCK_METHOD = script(`${NOW_MS}
local untilMs = tonumber(ARGV[2])
local forMs = tonumber(ARGV[3])
if forMs > 0 then untilMs = math.max(untilMs, now + forMs) end
if untilMs <= now then return 0 end
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if current ~= nil and current >= untilMs then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], tostring(untilMs))
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or now + ttl < untilMs then redis.call('PEXPIREAT', KEYS[1], untilMs) end
return 1
`);

/**
 * KEYS: usage hash. ARGV: method, operating (seconds), ttl ms.
 * Records a reading of the method's operating time; reply: its largest increase between
 * two consecutive readings, as a string (the arithmetic of `trackUsage` in operating.ts).
 */
export const OBSERVE_USAGE = script(`
local usage = tonumber(ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1] .. ':last'))
local step = tonumber(redis.call('HGET', KEYS[1], ARGV[1] .. ':step')) or 0
if last ~= nil and usage - last > step then step = usage - last end
redis.call('HSET', KEYS[1], ARGV[1] .. ':last', tostring(usage), ARGV[1] .. ':step', tostring(step))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return tostring(step)
`);

/** KEYS: methods hash. ARGV: method. Reply: ms the method stays blocked (0 = free). */
export const METHOD_WAIT = script(`${NOW_MS}
local untilMs = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if untilMs == nil or untilMs <= now then return 0 end
return untilMs - now
`);

/**
 * KEYS: bucket, penalty, methods hash. ARGV: rate, capacity.
 * Reply: { tokens as string, penalty ms, method, ms, method, ms, ... }.
 */
export const STATS = script(`${NOW_MS}
${READ_BUCKET}
local reply = { tostring(tokens), math.max(0, redis.call('PTTL', KEYS[2])) }
local methods = redis.call('HGETALL', KEYS[3])
for i = 1, #methods, 2 do
  local untilMs = tonumber(methods[i + 1])
  if untilMs > now then
    table.insert(reply, methods[i])
    table.insert(reply, untilMs - now)
  end
end
return reply
`);

/** Runs a script by SHA, loading it on `NOSCRIPT` (after a restart or `SCRIPT FLUSH`). */
export async function runScript(
  redis: Redis,
  s: LuaScript,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
): Promise<unknown> {
  try {
    return await redis.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("NOSCRIPT")) {
      return redis.eval(s.lua, keys.length, ...keys, ...args);
    }
    throw error;
  }
}
