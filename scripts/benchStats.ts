/** Median and 95th percentile of timings, for the server benchmark and its per-tool worker. */
export interface Stats {
  median: number;
  p95: number;
  n: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)], n: s.length };
}
