/**
 * npm run probe:loop -- [--count 500] [--seed 42] [--size 2000] [--over 30] [--repeat 1] [--cpu-prof DIR] [--no-health]
 *
 * Which requests hold the event loop, and for how long: against the rig of `npm run fuzz` (scripts/lib/rig.ts), each
 * heavy shape of scripts/lib/hostile-cases.ts is sent alone (`--repeat` times), with /healthz asked over and over
 * meanwhile on another connection; then the `--count` generated cases one after the other. For each, the server's
 * event-loop delay since the request before (its /metrics resets the histogram at each scrape: `max` is the longest
 * the loop was held, at the monitor's 10-ms resolution), the server's CPU time meanwhile (an upper bound of the
 * longest hold that a loaded machine does not inflate) and the slowest /healthz answer while it ran. Heavy shapes
 * are all listed; generated cases only when the loop was held over `--over` ms. The last line is one JSON object.
 * `--cpu-prof DIR`: the server writes a V8 CPU profile there when it stops (node --cpu-prof), to see what held it;
 * with `--no-health` (no /healthz meanwhile) each stretch the loop was held is one run of samples in the profile.
 */
import { readOptions } from './lib/cli';
import { generate } from './lib/generate';
import { generateCases, heavyCases, keyed, type Case } from './lib/hostile-cases';
import { sendRaw } from './lib/raw-http';
import { metricValue, startRig, type Rig } from './lib/rig';
import { round } from './lib/stats';

const cli = readOptions(
  'usage: npm run probe:loop -- [--count 500] [--seed 42] [--size 2000] [--over 30] [--repeat 1] [--cpu-prof DIR] [--no-health]',
  {
    count: { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    over: { type: 'string' },
    repeat: { type: 'string' },
    'cpu-prof': { type: 'string' },
    health: { type: 'boolean', default: true },
  },
);
const count = cli.number('count', 500);
const seed = cli.number('seed', 42);
const size = cli.number('size', 2000);
const over = cli.number('over', 30);
const repeat = cli.number('repeat', 1);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** The event-loop delay's max (ms) since the last scrape (the scrape resets it), and the server's CPU time (ms). */
async function scrape(rig: Rig): Promise<{ loopMax: number; cpu: number }> {
  const text = await (await fetch(`${rig.url}/metrics`, { headers: rig.metricsHeaders })).text();
  return {
    loopMax: round((metricValue(text, 'mizan_nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000, 1),
    cpu: (metricValue(text, 'mizan_process_cpu_seconds_total') ?? NaN) * 1000,
  };
}

/** /healthz asked again and again until stopped; the slowest answer (ms). */
function healthWatch(url: string) {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return round(worst, 1);
    },
  };
}

interface Probe {
  kind: string;
  status: number | null;
  ms: number;
  loop_max_ms: number;
  /** The server's CPU time from the scrape before to the one after (both scrapes' own work included). */
  cpu_ms: number;
  healthz_worst_ms: number;
}

async function probe(rig: Rig, port: number, c: Case, watchHealth: boolean): Promise<Probe> {
  const before = await scrape(rig);
  const health = watchHealth ? healthWatch(rig.url) : undefined;
  const answer = await sendRaw(port, c.req, 60_000);
  const healthz = (await health?.stop()) ?? NaN;
  const after = await scrape(rig);
  return {
    kind: c.kind,
    status: answer.status,
    ms: answer.ms,
    loop_max_ms: after.loopMax,
    cpu_ms: round(after.cpu - before.cpu, 1),
    healthz_worst_ms: healthz,
  };
}

async function main(): Promise<void> {
  const data = generate(size, 0, seed);
  const profDir = cli.values['cpu-prof'];
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200'] : undefined;
  const rig = await startRig({ tm: data.tm, log, nodeArgs });
  const port = Number(new URL(rig.url).port);
  try {
    const heavy: Probe[] = [];
    for (let r = 0; r < repeat; r++)
      for (const c of heavyCases('fuzz').map(keyed(rig.writeKey))) {
        const p = await probe(rig, port, c, cli.values.health);
        heavy.push(p);
        log(
          `${p.kind.padEnd(58)} ${String(p.status).padStart(4)} ${String(p.ms).padStart(6)} ms` +
            `   loop max ${String(p.loop_max_ms).padStart(6)} ms   cpu ${String(p.cpu_ms).padStart(6)} ms` +
            `   healthz worst ${p.healthz_worst_ms} ms`,
        );
      }
    const held: Probe[] = [];
    let worst = 0;
    for (const c of generateCases(count, seed, false, rig.writeKey)) {
      const p = await probe(rig, port, c, false);
      worst = Math.max(worst, p.loop_max_ms);
      if (p.loop_max_ms > over) {
        held.push(p);
        log(`generated: ${p.kind} ${p.status} ${p.ms} ms, loop max ${p.loop_max_ms} ms, cpu ${p.cpu_ms} ms`);
      }
    }
    log(`${count} generated cases: loop max over all ${worst} ms; ${held.length} over ${over} ms`);
    process.stdout.write(JSON.stringify({ heavy, generated: { count, worst_loop_max_ms: worst, over, held } }) + '\n');
  } finally {
    await rig.stop();
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
