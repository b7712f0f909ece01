import { describe, expect, it } from 'vitest';
import { parseWrk, wrkScript } from './wrk.ts';

const report = `Running 10s test @ http://127.0.0.1:4000/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    6.20ms 210.00ms   95.00%
    Req/Sec    11.20k     1.10k   14.00k    70.00%
  Latency Distribution
     50%    1.74ms
     75%    2.50ms
     90%    5.00ms
     99%  107.70ms
  236633 requests in 10.07s, 2.16GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  23491.20
Transfer/sec:    219.60MB
`;

describe('parseWrk', () => {
  it('reads throughput, percentiles in ms and every kind of error', () => {
    expect(parseWrk(report)).toMatchObject({
      rps: 23491.2,
      p50: 1.74,
      p99: 107.7,
      requests: 236633,
      errors: 7,
      mbPerS: 219.6,
    });
  });

  it('refuses output without a summary', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1')).toThrow(/no summary/);
  });
});

describe('wrkScript', () => {
  it('lists every request of the mix, with its Accept-Encoding, quoted for Lua', () => {
    const lua = wrkScript([
      { kind: 'page', path: '/docs/a"b', encoding: 'br, gzip' },
      { kind: 'search index', path: '/pagefind/x.pf_index', encoding: 'identity' },
    ]);
    expect(lua).toContain('{"/docs/a\\"b", "br, gzip"},');
    expect(lua).toContain('{"/pagefind/x.pf_index", ""},');
  });
});
