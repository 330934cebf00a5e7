// Bytes a reader downloads per query: visie's search index against
// Pagefind's, on the same built site, in Debian's Chromium over a loopback
// HTTP server. Usage: node bench/measure-search.mjs SITE_VERSION_DIR
// (without a pagefind/ folder there, visie's index alone).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(process.argv[2]);
const queries = ['clienten', 'regie', 'zorgverleners', 'persoonsgerichte zorg', 'zelfmanagement',
                 'de', 'kwetsbare groepen', 'ondersteuning'];
const server = createServer((req, res) => {
  const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    const body = readFileSync(statSync(file).isDirectory() ? path.join(file, 'index.html') : file);
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
                                        args: ['--no-sandbox', '--disable-gpu'] });

/// Runs `fn(query)` in a fresh page and sums the bytes of the responses under `prefix`.
async function measure(query, prefix, fn) {
  const page = await browser.newPage();
  await page.goto(`${origin}/p00001.html`);
  const sizes = [];
  page.on('response', async (r) => {
    if (r.url().includes(prefix)) sizes.push((await r.body()).length);
  });
  const results = await page.evaluate(fn, query);
  await page.waitForTimeout(300);
  await page.close();
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length, results };
}

const withPagefind = existsSync(path.join(dir, 'pagefind'));
const rows = [];
for (const q of queries) {
  const visie = await measure(q, '/search/', async (query) => {
    const input = document.querySelector('#search-input');
    input.value = query + ' ';  // finished words: no prefix matching
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => {
      const check = () => (document.querySelector('#search-status').textContent ? resolve() : setTimeout(check, 20));
      check();
    });
    return document.querySelector('#search-status').textContent;
  });
  const pagefind = withPagefind && await measure(q, '/pagefind/', async (query) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const search = await pf.search(query);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return `${search.results.length} results`;
  });
  rows.push({ q, visie, pagefind });
}
await browser.close();
server.close();
if (withPagefind) {
  console.log('| query | visie: bytes (files) | visie results | Pagefind: bytes (files) | Pagefind results |');
  console.log('|---|---:|---|---:|---|');
} else {
  console.log('| query | visie: bytes (files) | visie results |');
  console.log('|---|---:|---|');
}
for (const { q, visie, pagefind } of rows) {
  const ours = `| ${q} | ${visie.bytes} (${visie.files}) | ${visie.results.replace(/ voor .*/, '')} |`;
  console.log(pagefind ? `${ours} ${pagefind.bytes} (${pagefind.files}) | ${pagefind.results} |` : ours);
}
