// Peak memory of the process a scenario runs in. The 50 ms sampler sees the event loop's view;
// maxRSS (from the kernel) also catches peaks inside long synchronous calls the sampler misses.
// The JS heap's peak is kept beside RSS: a big gap between them points at native memory
// (SQLite page caches) or at garbage V8 has not collected yet.
import { setInterval, clearInterval } from 'node:timers';

const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Starts sampling; snapshot() reads the peaks so far, stop() ends sampling and reads them. */
export function startMemorySampler(intervalMs = 50) {
  const start = process.memoryUsage();
  let rssPeak = start.rss;
  let heapPeak = start.heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
    samples++;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  const snapshot = () => {
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    return {
      peakRssMB: mb(Math.max(rssPeak, maxRssBytes)),
      sampledPeakRssMB: mb(rssPeak),
      maxRssMB: mb(maxRssBytes),
      peakHeapUsedMB: mb(heapPeak),
      startRssMB: mb(start.rss),
      samples,
    };
  };
  return {
    /** Takes one sample now (for callers that keep the event loop busy). */
    sample,
    snapshot,
    stop() {
      clearInterval(timer);
      sample();
      return snapshot();
    },
  };
}
