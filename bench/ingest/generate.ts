import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a synthetic k6 `--out json` NDJSON file shaped like real k6 output
 * (Metric records first, then Points with k6's key order and tags, 9 request
 * metrics per request plus checks, data and iteration points, a vus gauge every
 * second) and records every http_req_duration exactly, at 1 µs resolution, in
 * counting arrays, so the bench can check the ingest's percentiles.
 */

export const endpoints = [
  {
    method: 'GET',
    name: 'GET /api/items/{id}',
    url: 'http://127.0.0.1:18080/api/items/42',
    median: 4,
    sigma: 0.6,
    weight: 0.55,
    failRate: 0.001,
  },
  {
    method: 'GET',
    name: 'GET /api/search',
    url: 'http://127.0.0.1:18080/api/search?q=perf',
    median: 25,
    sigma: 0.45,
    weight: 0.3,
    failRate: 0.002,
  },
  {
    method: 'POST',
    name: 'POST /api/orders',
    url: 'http://127.0.0.1:18080/api/orders',
    median: 40,
    sigma: 0.35,
    weight: 0.12,
    failRate: 0.02,
  },
  {
    method: 'GET',
    name: 'GET /healthz',
    url: 'http://127.0.0.1:18080/healthz',
    median: 0.8,
    sigma: 0.3,
    weight: 0.03,
    failRate: 0,
  },
] as const;

/** Latencies are capped here (µs) so the exact counting arrays stay small. */
export const MAX_US = 5_000_000;

export interface Exact {
  name: string;
  counts: Uint32Array;
  total: number;
}

/** Nearest-rank percentile of an exact µs histogram, in ms. */
export function exactPercentile(e: Exact, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * e.total));
  let seen = 0;
  for (let v = 0; v < e.counts.length; v++) {
    seen += e.counts[v]!;
    if (seen >= rank) return v / 1000;
  }
  return (e.counts.length - 1) / 1000;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const metricRecords = [
  ['http_reqs', 'counter', 'default', '[]'],
  ['http_req_duration', 'trend', 'time', '["p(95)<500","p(99)<1500"]'],
  ['http_req_blocked', 'trend', 'time', '[]'],
  ['http_req_connecting', 'trend', 'time', '[]'],
  ['http_req_tls_handshaking', 'trend', 'time', '[]'],
  ['http_req_sending', 'trend', 'time', '[]'],
  ['http_req_waiting', 'trend', 'time', '[]'],
  ['http_req_receiving', 'trend', 'time', '[]'],
  ['http_req_failed', 'rate', 'default', '["rate<0.01"]'],
  ['checks', 'rate', 'default', '[]'],
  ['data_sent', 'counter', 'data', '[]'],
  ['data_received', 'counter', 'data', '[]'],
  ['iteration_duration', 'trend', 'time', '[]'],
  ['iterations', 'counter', 'default', '[]'],
  ['vus', 'gauge', 'default', '[]'],
];

export function generateK6Ndjson(
  file: string,
  targetBytes: number,
): { bytes: number; requests: number; overall: Exact; perEndpoint: Exact[] } {
  const rand = mulberry32(20261126);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const overall: Exact = { name: 'overall', counts: new Uint32Array(MAX_US + 1), total: 0 };
  const perEndpoint: Exact[] = endpoints.map((e) => ({ name: e.name, counts: new Uint32Array(MAX_US + 1), total: 0 }));
  const fd = openSync(file, 'w');
  let bytes = 0;
  let parts: string[] = [];
  let pending = 0;
  const flush = () => {
    const chunk = parts.join('');
    bytes += writeSync(fd, chunk);
    parts = [];
    pending = 0;
  };
  const push = (s: string) => {
    parts.push(s);
    pending += s.length;
    if (pending > 4 * 1024 * 1024) flush();
  };
  for (const [name, type, contains, thresholds] of metricRecords) {
    push(
      `{"type":"Metric","data":{"name":"${name}","type":"${type}","contains":"${contains}","thresholds":${thresholds},"submetrics":null},"metric":"${name}"}\n`,
    );
  }
  const start = Date.UTC(2026, 10, 26, 4, 0, 0);
  const rate = 2000; // requests per simulated second
  let requests = 0;
  let lastVuSecond = -1;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  while (bytes + pending < targetBytes) {
    const tMs = start + (requests / rate) * 1000;
    const d = new Date(tMs);
    const micros = Math.floor((tMs % 1000) * 1000) * 1000 + Math.floor(rand() * 1000);
    const time = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 9)}+00:00`;
    const second = Math.floor(tMs / 1000);
    if (second !== lastVuSecond) {
      lastVuSecond = second;
      push(`{"metric":"vus","type":"Point","data":{"time":"${time}","value":50,"tags":{}}}\n`);
    }
    let r = rand();
    let ei = 0;
    while (ei < endpoints.length - 1 && r >= endpoints[ei]!.weight) r -= endpoints[ei++]!.weight;
    const ep = endpoints[ei]!;
    const us = Math.min(MAX_US, Math.max(1, Math.round(ep.median * 1000 * Math.exp(ep.sigma * gauss()))));
    overall.counts[us]! += 1;
    overall.total += 1;
    perEndpoint[ei]!.counts[us]! += 1;
    perEndpoint[ei]!.total += 1;
    const failed = rand() < ep.failRate;
    const status = failed ? '503' : ep.method === 'POST' ? '201' : '200';
    const tags = `{"expected_response":"${failed ? 'false' : 'true'}","group":"","method":"${ep.method}","name":"${ep.name}","proto":"HTTP/1.1","scenario":"default","status":"${status}","url":"${ep.url}"}`;
    const ms = (us / 1000).toFixed(3);
    const wait = ((us * 0.9) / 1000).toFixed(3);
    const point = (metric: string, value: string, t = tags) =>
      `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${t}}}\n`;
    push(point('http_reqs', '1'));
    push(point('http_req_duration', ms));
    push(point('http_req_blocked', '0.003'));
    push(point('http_req_connecting', '0'));
    push(point('http_req_tls_handshaking', '0'));
    push(point('http_req_sending', '0.021'));
    push(point('http_req_waiting', wait));
    push(point('http_req_receiving', '0.087'));
    push(point('http_req_failed', failed ? '1' : '0'));
    const checkTags = `{"check":"status is 2xx","group":"","scenario":"default"}`;
    push(point('checks', failed ? '0' : '1', checkTags));
    const iterTags = `{"group":"","scenario":"default"}`;
    push(point('data_sent', '96', iterTags));
    push(point('data_received', '412', iterTags));
    push(point('iteration_duration', (us / 1000 + 0.25).toFixed(6), iterTags));
    push(point('iterations', '1', iterTags));
    requests += 1;
  }
  flush();
  closeSync(fd);
  return { bytes, requests, overall, perEndpoint };
}
