// The site as readers use it: search, keyboard, phone menu and version
// switcher, over a loopback HTTP server under a sub-path and from file://,
// with no request leaving the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
const shots = process.env.VISIE_SCREENSHOTS ?? path.join(tmpdir(), 'visie-screenshots');
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

const SUB = '/reviews/visie/';  // any sub-path must work
let dir;
let site;
let browser;
let server;
let origin;

/// A static file server for `site` under SUB, on the loopback interface.
function serve() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                  '.css': 'text/css', '.json': 'application/json', '.xml': 'application/xml' };
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://localhost');
      if (!url.pathname.startsWith(SUB)) { res.writeHead(404); res.end(); return; }
      let file = path.join(site, decodeURIComponent(url.pathname.slice(SUB.length)));
      if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
      try {
        if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream',
                             'content-length': body.length });
        res.end(body);
      } catch {
        const body = readFileSync(path.join(site, '404.html'));
        res.writeHead(404, { 'content-type': types['.html'] });
        res.end(body);
      }
    });
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${server.address().port}`;
      resolve();
    });
  });
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-reader-'));
  site = path.join(dir, 'site');
  execFileSync(bin, ['build', '-q', '--content', path.join(source, 'content'), '--out', site]);
  mkdirSync(shots, { recursive: true });
  await serve();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const http = (rel) => `${origin}${SUB}${rel}`;
const file = (rel) => pathToFileURL(path.join(site, rel)).href;

/// Opens `href`; records console errors and any request that leaves the
/// site's origin (another host, or outside the site's folder).
async function open(href, options = {}) {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 },
                                       colorScheme: options.colorScheme ?? 'light' });
  const problems = [];
  const base = href.startsWith('file:') ? pathToFileURL(site).href : `${origin}${SUB}`;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`request to ${r.url()}`); });
  await page.goto(href);
  return { page, problems };
}

/// Types `query` into the search field and waits for the results.
async function search(page, query) {
  await page.locator('#search-input').fill(query);
  await page.waitForFunction((q) => document.querySelector('#search-status').textContent.includes(`“${q.trim()}”`), query);
  return page.locator('#search-results .result-where').allInnerTexts();
}

for (const [where, at] of [['over HTTP under a sub-path', http], ['from file://', file]]) {
  test(`search finds Dutch word forms, best sections first (${where})`, async () => {
    const { page, problems } = await open(at('final/aanleiding.html'));
    // Diacritics and inflection: cliënten, clienten and cliënt are one word.
    const clienten = await search(page, 'clienten');
    assert.match(clienten[0], /^Wat deze visie vraagt › Van cliënten/);
    assert.deepEqual(await search(page, 'cliënten'), clienten);
    const count = () => page.locator('#search-status').innerText().then((t) => t.replace(/“.*”/, ''));
    const many = await count();
    // A finished word (followed by a space) is not also a prefix.
    const client = await search(page, 'cliënt ');
    assert.equal(client[0], clienten[0]);
    assert.equal(await count(), many);
    // The hit is highlighted in the snippet, in the form the text uses.
    const marks = await page.locator('#search-results mark').allInnerTexts();
    assert.ok(marks.length > 0 && marks.every((m) => /^cli[eë]nt(en)?$/i.test(m)), marks.join());

    const regie = await search(page, 'regie');
    assert.match(regie[0], /^Aanleiding › Waarom een visie op zelfmanagement\?/);
    const zorgverleners = await search(page, 'zorgverleners');
    assert.match(zorgverleners[0], /^Zelfmanagement ondersteunen › Het Huis van persoonsgerichte zorg/);
    assert.deepEqual(await search(page, 'zorgverlener'), zorgverleners);
    // While typing, the unfinished last word matches as a prefix.
    assert.ok((await search(page, 'zorgverl')).length > 0);
    assert.deepEqual(await search(page, 'qwxyzzy'), []);
    assert.match(await page.locator('#search-status').innerText(), /Niets gevonden/);

    // A result opens its section.
    await search(page, 'zorgverleners');
    await page.locator('#search-results a').first().click();
    await page.waitForURL(/ondersteuning\.html(\?highlight=[^#]*)?#/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a query downloads under 100 kB of index, and only the chunks it needs', async () => {
  const { page, problems } = await open(http('final/index.html'));
  const index = [];
  page.on('response', async (r) => {
    if (r.url().includes('/search/')) index.push({ url: r.url(), size: (await r.body()).length });
  });
  await search(page, 'persoonsgerichte zorg');
  await page.waitForTimeout(200);
  const bytes = index.reduce((sum, r) => sum + r.size, 0);
  assert.ok(bytes > 0 && bytes < 100_000, `${bytes} bytes`);
  const chunks = index.filter((r) => /\/w\d+\.js$/.test(r.url)).length;
  const all = JSON.parse(await page.evaluate(() => JSON.stringify(window.visieSearch)) || '{}');
  assert.ok(chunks >= 1 && chunks <= 3, `${chunks} word chunks`);
  assert.ok(all !== null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the index and the script fold and stem every word of every version alike', async () => {
  const { page, problems } = await open(http('final/index.html'));
  for (const version of ['start', 'concept-1', 'concept-2', 'concept-3', 'final', 'werkversie']) {
    const result = await page.evaluate(async (root) => {
      const load = (name) => new Promise((resolve, reject) => {
        const previous = window.visieSearch.load;
        const s = document.createElement('script');
        window.visieSearch.load = (n, data) => { if (n === name) resolve(data); else previous(n, data); };
        s.src = `${root}search/${name}.js?${Math.random()}`;
        s.onerror = reject;
        document.head.appendChild(s);
      }).finally(() => {});
      const manifest = await load('index');
      const postings = {};
      for (let i = 0; i < manifest.chunks.length; i++) Object.assign(postings, await load(`w${i}`));
      const missing = new Set();
      let words = 0;
      for (let f = 0; f < manifest.sections; f++) {
        const fragment = await load(`f${f}`);
        for (const text of [fragment.text, fragment.heading]) {
          for (const t of window.visieSearch.tokens(text)) {
            words++;
            const stem = window.visieSearch.stem(t.word);
            const list = postings[stem];
            let found = false;
            for (let i = 0, s = 0; list && i < list.length; i += 2) { s += list[i]; if (s === f) found = true; }
            if (!found) missing.add(`${t.word}→${stem}`);
          }
        }
      }
      return { words, missing: [...missing] };
    }, `../${version}/`);
    assert.ok(result.words > 500, `${version}: ${result.words} words`);
    assert.deepEqual(result.missing, [], `${version}: words the script stems differently`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard reaches everything: skip link, search results, sidebar', async () => {
  const { page, problems } = await open(http('final/aanleiding.html'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Search: type, arrow down into the results, Enter opens one.
  await page.locator('#search-input').focus();
  await page.keyboard.type('regie');
  await page.waitForSelector('#search-results a');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#search-results') !== null), true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search-results').isHidden(), true);
  // Tab order: search, then the sidebar's links in order.
  const order = [];
  while (order.length < 4) {
    await page.keyboard.press('Tab');
    // The theme switch (in the header, after search) is not part of this order.
    if (await page.evaluate(() => document.activeElement.id === 'theme-select')) continue;
    order.push(await page.evaluate(() => document.activeElement.textContent.trim()));
  }
  assert.deepEqual(order, ['Eindproduct', 'Aanleiding', 'Opdracht', 'Aanpak: co-design']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the version switcher works by keyboard and keeps the page', async () => {
  const { page, problems } = await open(http('concept-2/ondersteuning.html'));
  await page.locator('#version-select').focus();
  await page.keyboard.press('End');  // the working draft
  await page.keyboard.press('ArrowUp');  // Eindproduct
  assert.match(page.url(), /concept-2/, 'choosing alone does not leave the page');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/final\/ondersteuning\.html$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the contents fold behind a menu button', async () => {
  const { page, problems } = await open(file('final/aspecten.html'), { viewport: { width: 375, height: 800 } });
  const toggle = page.locator('.nav-toggle');
  assert.equal(await page.locator('#sidebar').isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#sidebar').isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement.closest('#sidebar') !== null), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#sidebar').isVisible(), false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a missing address gets the 404 page, which links home', async () => {
  const { page } = await open(http('final/bestaat-niet.html'));
  assert.match(await page.locator('main h1').innerText(), /Pagina niet gevonden/);
  await page.close();
  const { page: landing, problems } = await open(http('index.html'));
  // The landing page searches the newest published version.
  assert.match((await search(landing, 'regie'))[0], /^Aanleiding › Waarom een visie op zelfmanagement\?/);
  await landing.locator('#search-results a').first().click();
  await landing.waitForURL(/\/final\/aanleiding\.html/);
  assert.deepEqual(problems, []);
  await landing.close();
});

test('screenshots: landing, chapter, search and glossary at 1280 and 375 px, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      const viewport = { width, height: width > 400 ? 900 : 800 };
      const tag = `${width}-${colorScheme}`;
      for (const [name, rel] of [['landing', 'index.html'], ['chapter', 'final/aanleiding.html'],
                                 ['glossary', 'final/begrippenlijst.html']]) {
        const { page, problems } = await open(http(rel), { viewport, colorScheme });
        await page.screenshot({ path: path.join(shots, `${name}-${tag}.png`) });
        assert.deepEqual(problems, []);
        await page.close();
      }
      const { page } = await open(http('final/aanleiding.html'), { viewport, colorScheme });
      await search(page, 'zorgverleners');
      await page.screenshot({ path: path.join(shots, `search-${tag}.png`) });
      await page.close();
    }
  }
});
