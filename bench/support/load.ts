/** A small closed-loop load generator: each client sends its next request when the last is answered. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export type Client = () => Promise<boolean>;

export async function runLoad(clients: Client[], seconds: number, warmupSeconds = 1): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const warmupEnd = Date.now() + warmupSeconds * 1000;
  const end = warmupEnd + seconds * 1000;
  await Promise.all(
    clients.map(async (send) => {
      while (Date.now() < end) {
        const started = performance.now();
        const ok = await send().catch(() => false);
        const now = Date.now();
        if (now < warmupEnd || now > end) continue;
        if (ok) latencies.push(performance.now() - started);
        else errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => (latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: round(pick(0.5)),
    p99: round(pick(0.99)),
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function postJson(url: string, body: unknown, token?: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** The round with the median throughput (its latencies come with it). */
export function median(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)];
}
