// The review server under load (bench/review-load runs this): `visie serve
// --review` on loopback with STREAMS open event streams (the pages of a
// panel and its audience) and POSTERS clients posting comments at RATE
// requests per second in all for SECONDS; then a kill -9 while they post,
// a restart, and a check that every comment acknowledged with 201 is there.
//
//   node bench/review-load.mjs [--streams 1000] [--posters 8] [--seconds 30]
//                              [--rate 200] [--bin build/src/visie]
//
// Prints throughput, p50/p99/max latency, errors and the kill -9 result;
// exits 1 when p99 >= 100 ms, a stream or request failed, or a comment
// was lost.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, fallback) => {
  const at = process.argv.indexOf('--' + name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = resolve(new URL('..', import.meta.url).pathname);
const bin = resolve(arg('bin', join(root, 'build/src/visie')));
const streamCount = Number(arg('streams', 1000));
const posters = Number(arg('posters', 8));
const seconds = Number(arg('seconds', 30));
const rate = Number(arg('rate', 200));

const dir = mkdtempSync(join(tmpdir(), 'visie-review-load-'));
const content = join(dir, 'content');
const db = join(dir, 'visie.sqlite');
cpSync(join(root, 'content'), content, { recursive: true });

const invite = (who) => {
  const link = execFileSync(bin, ['review', 'invite', '--version', 'concept-2', ...who,
    '--content', content, '--db', db], { encoding: 'utf8' });
  return link.trim().split('?token=')[1];
};
const team = invite(['--team']);
const reviewers = Array.from({ length: posters }, () => invite(['--role', 'expert']));

const servers = new Set();
process.on('exit', () => { for (const child of servers) child.kill('SIGKILL'); });

function startServer() {
  const child = spawn(bin, ['serve', '--review', '--version', 'concept-2', '--port', '0',
    '--content', content, '--db', db, '-q'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) done({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => fail(new Error('visie serve exited with ' + code)));
  });
}

function request(port, agent, method, path, token, body) {
  return new Promise((done) => {
    const start = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent,
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' } },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => done({ status: res.statusCode, text,
        ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ status: 0, error: e.message,
      ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    if (body) req.end(JSON.stringify(body)); else req.end();
  });
}

/// Opens `n` event streams; resolves once each has its first event.
function openStreams(port, n) {
  const state = { open: 0, failed: 0, sockets: [] };
  const ready = [];
  for (let i = 0; i < n; ++i) {
    ready.push(new Promise((done) => {
      const socket = net.connect(port, '127.0.0.1');
      state.sockets.push(socket);
      let got = false;
      let text = '';
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write('GET /__visie/events HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (c) => {
        text += c;
        if (!got && text.includes('event: reload')) { got = true; ++state.open; done(); }
      });
      const lost = () => { if (!socket.ending) ++state.failed; if (!got) { got = true; done(); } };
      socket.on('error', lost);
      socket.on('close', lost);
    }));
  }
  return { state, ready: Promise.all(ready) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main() {
  let server = await startServer();
  const page = await new Promise((done) => http.get(
    { host: '127.0.0.1', port: server.port, path: '/concept-2/begrippen.html' }, (res) => {
      let t = ''; res.on('data', (c) => { t += c; }); res.on('end', () => done(t));
    }));
  const block = page.match(/<a class="ref" href="#([^"]+)"/)[1];

  const t0 = Date.now();
  const streams = openStreams(server.port, streamCount);
  // A server that cannot hold them all would keep the rest waiting: 15 s.
  await Promise.race([streams.ready, new Promise((r) => setTimeout(r, 15000))]);
  console.log(`${streams.state.open} of ${streamCount} event streams open in ${Date.now() - t0} ms`);

  // Posters at RATE requests/s in all: each waits for its answer, then for
  // its next slot.
  const latencies = [];
  const acknowledged = new Set();
  let errors = 0;
  let running = true;
  const interval = (1000 * posters) / rate;
  const poster = async (i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let next = Date.now() + Math.random() * interval;
    for (let n = 0; running; ++n) {
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      next += interval;
      const r = await request(server.port, agent, 'POST', '/api/comments', reviewers[i], {
        chapter: 'begrippen', block, quote: 'Q.', role: 'expert',
        comment: `Poster ${i}, comment ${n}, ${Date.now()}` });
      if (!running && r.status === 0) break;
      latencies.push(r.ms);
      if (r.status === 201) acknowledged.add(JSON.parse(r.text).comment.id);
      else if (running) ++errors;
    }
    agent.destroy();
  };
  const start = Date.now();
  const workers = Array.from({ length: posters }, (_, i) => poster(i));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (Date.now() - start) / 1000;
  // Answered requests only; one still waiting counts as an error.
  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = sorted.length > 0 ? percentile(sorted, 0.99) : Infinity;
  const ms = (v) => (v === undefined ? 'none' : v.toFixed(1) + ' ms');
  console.log(`${latencies.length} requests answered in ${elapsed.toFixed(1)} s: ` +
    `${(latencies.length / elapsed).toFixed(1)} req/s; p50 ${ms(percentile(sorted, 0.5))}, ` +
    `p99 ${ms(sorted.length > 0 ? p99 : undefined)}, max ${ms(sorted[sorted.length - 1])}; ` +
    `${errors} errors; ${streams.state.open - streams.state.failed} of ${streamCount} streams open`);
  if (sorted.length === 0) ++errors;
  const loadFailed = !(p99 < 100) || errors > 0 || streams.state.failed > 0 ||
    streams.state.open < streamCount;

  // kill -9 while the posters post, then count what survived.
  server.child.kill('SIGKILL');
  running = false;
  await Promise.all(workers);
  for (const s of streams.state.sockets) { s.ending = true; s.destroy(); }
  const acked = [...acknowledged];
  server = await startServer();
  const stored = new Set();
  let after = '';
  for (;;) {
    const r = await request(server.port, undefined, 'GET',
      '/api/comments?limit=500' + (after ? '&after=' + after : ''), team);
    const body = JSON.parse(r.text);
    for (const c of body.comments) stored.add(c.id);
    if (!body.next) break;
    after = body.next;
  }
  const lost = acked.filter((id) => !stored.has(id)).length;
  console.log(`kill -9 under load: ${acked.length} comments acknowledged, ${stored.size} stored ` +
    `after the restart, ${lost} lost`);
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  process.exit(loadFailed || lost > 0 ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
