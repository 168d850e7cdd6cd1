import autocannon from 'autocannon';

/**
 * The load generator of the HTTP benchmarks: autocannon, whose own HTTP client is cheap enough
 * that a bare Apollo Server, not the client, sets the pace. It runs in the benchmark's process,
 * while every server under test runs in a process of its own (so each has a core to itself).
 * Closed loop: each connection sends its next request when the last is answered.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** One request of a connection's script: a fixed body, or one built just before it is sent. */
export interface ScriptedRequest {
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  onResponse?: (status: number, body: string) => void;
}

/** What one connection sends, in a loop; its state lives in the closures, across rounds. */
export type ConnectionScript = () => ScriptedRequest[];

export interface LoadOptions {
  url: string;
  /** One script per connection. */
  connections: ConnectionScript[];
  seconds: number;
}

/** A response counts as an error when its status is not 2xx or its GraphQL body has errors. */
export async function runLoad({ url, connections, seconds }: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url,
    connections: connections.length,
    duration: seconds,
    method: 'POST',
    setupClient: (client) => {
      const requests = connections[next % connections.length]().map(
        ({ onResponse, ...request }): autocannon.Request => ({
          method: 'POST',
          ...request,
          onResponse: (status: number, body: string) => {
            if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
            if (process.env.BENCH_DEBUG && (status !== 200 || body.includes('"errors"'))) console.error(status, body.slice(0, 300));
            onResponse?.(status, body);
          },
        }),
      );
      next += 1;
      client.setRequests(requests);
    },
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    // autocannon's own percentiles are whole milliseconds; these keep the fractions.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => (latencies.length === 0 ? NaN : round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]));
  const errors = result.errors + result.non2xx + result.timeouts + graphqlErrors;
  const requests = result.requests.total - result.non2xx - graphqlErrors;
  return {
    requests,
    errors,
    seconds,
    perSecond: requests / seconds,
    p50: pick(0.5),
    p99: pick(0.99),
  };
}

/** A connection that sends one fixed GraphQL request again and again. */
export function fixedRequest(body: unknown, token?: string): ConnectionScript {
  const request: ScriptedRequest = { headers: jsonHeaders(token), body: JSON.stringify(body) };
  return () => [request];
}

export function jsonHeaders(token?: string): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function postJson(url: string, body: unknown, token?: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify(body) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** The round with the median throughput (its latencies come with it). */
export function median(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)];
}
