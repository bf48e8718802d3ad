// Runs one case of one scenario in its own process, so that its peak RSS is its own, and
// reports the figures to bench/run.mjs over the IPC channel.
//   (forked by run.mjs) node --expose-gc bench/lib/child.mjs SCENARIO PARAMS_JSON
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startMemorySampler } from './memory.mjs';
import { loadScenario } from '../scenarios/index.mjs';

/** The longest time the event loop could not run (timers, I/O, signals): what a runner's HTTP endpoints would wait. */
function loopStalls(histogram) {
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  return { maxStallMs: ms(histogram.max), p99StallMs: ms(histogram.percentile(99)) };
}

async function main() {
  const [name, paramsJson] = process.argv.slice(2);
  const scenario = await loadScenario(name);
  const params = JSON.parse(paramsJson ?? '{}');
  globalThis.gc?.();
  const memory = startMemorySampler(50);
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  const send = (message) => {
    // Forked by run.mjs: report over IPC; run by hand (bench/profile.mjs): print the result.
    if (process.send) process.send(message);
    else if (message.ok) console.log(JSON.stringify(message, null, 2));
    else if (message.error) console.error(message.error.stack ?? message.error.message);
  };
  const context = {
    // Partial figures, so that a case killed at its time limit still says how far it got.
    report: (partial) => send({ partial, memory: memory.snapshot(), loop: loopStalls(loop) }),
    // For code that keeps the event loop busy for long: the 50 ms timer cannot fire then.
    sampleMemory: () => memory.sample(),
  };
  try {
    const metrics = await scenario.run(params, context);
    loop.disable();
    send({ ok: true, metrics, memory: memory.stop(), loop: loopStalls(loop) });
  } catch (err) {
    loop.disable();
    const error = err instanceof Error ? { message: err.message, code: err.code, stack: err.stack } : { message: String(err) };
    send({ ok: false, error, memory: memory.stop(), loop: loopStalls(loop) });
    if (!process.send) process.exitCode = 1;
  }
}

main().then(
  // Let the IPC message flush, then leave without waiting for stray handles.
  () => process.disconnect?.(),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
