// What the figures were measured on: they mean little without it.
import { cpus, totalmem, freemem, platform, release, arch, loadavg } from 'node:os';

/** The machine and runtime, recorded with every result. */
export function describeMachine() {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(freemem() / 2 ** 20),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    // Other work on the machine skews every figure; the load average says how much there was.
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}
