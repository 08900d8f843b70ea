#!/usr/bin/env node
// The load balancer in front of a local cluster: round robin over the instances that are up, in a process of its
// own so that it never shares an event loop with the tool that started it.
//
//   node tools/cluster/balancer.mjs --port 3000 --upstream api-1=http://127.0.0.1:3001 --upstream api-2=...
//
// The proxying itself is http-proxy-3 (a maintained port of http-proxy: header rewriting, hop-by-hop headers,
// streaming, aborts). This file only chooses the instance, retries what is safe to retry, and says which instance
// answered in `X-Served-By`. Prints "balancer listening on <port>" once it accepts connections.
import http from 'node:http';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createProxyServer } from 'http-proxy-3';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string', multiple: true, default: [] },
  },
});

/** How often each instance's liveness is probed; a refused connection marks it down at once anyway. */
const PROBE_MS = 250;
/** Longest a request body is buffered (the API's own limit is lower): a buffered body can be replayed. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const upstreams = values.upstream.map((spec) => {
  const at = spec.indexOf('=');
  return { name: spec.slice(0, at), target: new URL(spec.slice(at + 1)), up: true, failures: 0 };
});
if (upstreams.length === 0) {
  process.stderr.write('usage: balancer.mjs --port N --upstream name=http://host:port [--upstream ...]\n');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
const proxy = createProxyServer({ agent, xfwd: true, proxyTimeout: 120_000 });
let next = 0;

/** The next instance that is up after the last one chosen, skipping those in `tried`; null when none is left. */
function choose(tried) {
  for (let i = 0; i < upstreams.length; i++) {
    const candidate = upstreams[(next + i) % upstreams.length];
    if (candidate.up && !tried.has(candidate)) {
      next = (next + i + 1) % upstreams.length;
      return candidate;
    }
  }
  return null;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function fail(res, status, message) {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
  res.end(JSON.stringify({ statusCode: status, error: http.STATUS_CODES[status], message }));
}

/**
 * Sends the request to one instance after another until one answers. A refused connection reached no instance, so
 * any request moves on; after other errors only GET and HEAD do (a POST may already have been applied).
 */
function forward(req, res, body, tried) {
  const upstream = choose(tried);
  if (!upstream) return fail(res, 503, 'No API instance is up; retry shortly.');
  tried.add(upstream);
  res.setHeader('x-served-by', upstream.name);
  const buffer = body.length ? Readable.from([body]) : undefined;
  proxy.web(req, res, { target: upstream.target, buffer }, (error) => {
    if (error.code === 'ECONNREFUSED') upstream.up = false;
    const safe = error.code === 'ECONNREFUSED' || req.method === 'GET' || req.method === 'HEAD';
    if (safe && !res.headersSent) {
      res.removeHeader('x-served-by');
      return forward(req, res, body, tried);
    }
    fail(res, 502, `Instance ${upstream.name} failed: ${error.code ?? error.message}`);
  });
}

const server = http.createServer((req, res) => {
  readBody(req).then(
    (body) => forward(req, res, body, new Set()),
    (error) => fail(res, error.status ?? 400, error.message),
  );
});
server.keepAliveTimeout = 65_000;

/**
 * A refused connection means the instance is gone: down at once. A slow or failed answer counts only the second
 * time in a row, so that a busy machine's hiccup does not take an instance out of the rotation.
 */
function probe(upstream) {
  const request = http.get(new URL('/health/live', upstream.target), { timeout: 2_000 }, (response) => {
    response.resume();
    const ok = response.statusCode === 200;
    upstream.failures = ok ? 0 : upstream.failures + 1;
    upstream.up = ok || upstream.failures < 2;
  });
  request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
  request.on('error', (error) => {
    upstream.failures += 1;
    upstream.up = error.code !== 'ECONNREFUSED' && upstream.failures < 2;
  });
}
const probes = setInterval(() => upstreams.forEach(probe), PROBE_MS);

server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`balancer listening on ${server.address().port}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    clearInterval(probes);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    agent.destroy();
  });
}
