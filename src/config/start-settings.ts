/**
 * Settings mizan's processes are started with — by `npm start`, the image's CMD and the benches' children — that must
 * be in place before the process begins, so that no configuration read at start could apply them (DESIGN.md,
 * "Memory"). package.json's `start` and the Dockerfile carry the same values (a unit test checks it).
 */

/**
 * glibc's malloc: a fixed mmap threshold, its default (128 KiB). Buffers from that size up each get a mapping of their
 * own, returned to the system when freed. Left dynamic, glibc raises the threshold up to 32 MiB each time a large
 * buffer is freed, and every buffer under it then comes from heaps that keep what is freed: a 1M-unit import ended
 * with ≈ 90 MB more (docs/benchmarks.md, "Sixteenth session"). Ignored by other C libraries.
 */
export const START_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * V8's young generation: semi-spaces of 8 MB rather than Node's 16. A 1M-unit import's peak RSS ≈ 25 MB lower; with
 * the malloc setting, ≈ 100 MB for ≈ 3–5 % of the import's CPU; 4 MB took ≈ 13 % more CPU (same section).
 */
export const START_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** The environment a child process is started with: `env`, with START_ENV's settings where `env` has none. */
export function startEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const [name, value] of Object.entries(START_ENV)) out[name] ??= value;
  return out;
}

/**
 * The start settings a process lacks, as `NAME=value` or the flag, for a warning at start: none when it was started
 * as `npm start` starts it (a value of its own in the environment counts as given). MALLOC_* only matters on Linux,
 * where glibc reads it; a flag counts from the process's arguments or NODE_OPTIONS.
 */
export function missingStartSettings(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const missing: string[] = [];
  if (platform === 'linux') {
    for (const [name, value] of Object.entries(START_ENV))
      if (env[name] === undefined) missing.push(`${name}=${value}`);
  }
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of START_NODE_FLAGS) {
    const name = flag.split('=')[0]!;
    if (!given.some((arg) => arg === flag || arg.startsWith(`${name}=`))) missing.push(flag);
  }
  return missing;
}
