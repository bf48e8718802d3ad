// Preloaded into a process the bench times as a whole (`node --import <this file> bin/syncctl.js …`):
// when the process exits, writes its peak RSS (the kernel's maxRSS, which also catches peaks inside
// long synchronous calls) and CPU time to $SYNCCTL_BENCH_PROBE_OUT. Nothing else changes.
import { writeFileSync } from 'node:fs';

const out = process.env.SYNCCTL_BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssMB: Math.round((r.maxRSS / 1024) * 10) / 10, userCpuMs: Math.round(r.userCPUTime / 1000), systemCpuMs: Math.round(r.systemCPUTime / 1000) }));
  });
}
