// The reader's edition (issue 20): navigation that stays in place, keys,
// the theme switch, labels and titles per version, the 404 page at any
// depth, search over every result. The site is built from a copy of the
// bundled content with every frozen version refrozen, so that the pages
// show what the current templates make of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
const shots = process.env.VISIE_SCREENSHOTS ?? path.join(tmpdir(), 'visie-screenshots');
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

const SUB = '/reviews/visie/';
const FROZEN = ['start', 'concept-1', 'concept-2', 'concept-3', 'final'];
let dir;
let site;
let browser;
let server;
let origin;

/// A static file server for `site` under SUB that answers a missing
/// address, at any depth, with 404.html (as static hosts do).
function serve() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                  '.css': 'text/css', '.json': 'application/json' };
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://localhost');
      if (!url.pathname.startsWith(SUB)) { res.writeHead(404); res.end(); return; }
      let file = path.join(site, decodeURIComponent(url.pathname.slice(SUB.length)));
      if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
      try {
        if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': types['.html'] });
        res.end(readFileSync(path.join(site, '404.html')));
      }
    });
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${server.address().port}`;
      resolve();
    });
  });
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-edition-'));
  site = path.join(dir, 'site');
  const content = path.join(dir, 'content');
  cpSync(path.join(source, 'content'), content, { recursive: true });
  execFileSync(bin, ['build', '-q', '--no-cache', '--content', content, '--out', site,
                     ...FROZEN.flatMap((id) => ['--refreeze', id])]);
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
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
/// The four looks in which issue 20 asks each reader's point to be proven:
/// desktop and phone, light and dark.
const LOOKS = [DESKTOP, PHONE].flatMap((viewport) => ['light', 'dark'].map((colorScheme) => (
  { viewport, colorScheme, name: `${viewport.width}px-${colorScheme}` })));

/// Opens `href` in a fresh context; records console errors.
async function open(href, options = {}) {
  const context = options.context ?? await browser.newContext({
    viewport: options.viewport ?? DESKTOP, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(href);
  return { page, problems, context };
}

test('the header and the sidebar stay in place; the sidebar scrolls on its own', async () => {
  for (const look of LOOKS) {
    for (const at of [http, file]) {
      const { page, problems, context } = await open(at('werkversie/ondersteuning.html'), look);
      await page.evaluate(() => window.scrollTo(0, 5000));
      await page.waitForFunction(() => window.scrollY >= 5000);
      const phone = look.viewport === PHONE;
      if (phone) {
        // On a phone the header scrolls away (it would take a quarter of the
        // screen: style.css), the back-to-top link floats on screen, and the
        // menu button opens the sidebar on screen.
        await page.waitForSelector('.back-to-top.floating a', { state: 'visible' });
        await page.locator('.nav-toggle').click();
        await page.waitForSelector('#sidebar.open');
      }
      const box = await page.evaluate(() => {
        const rect = (s) => document.querySelector(s).getBoundingClientRect();
        const sidebar = document.getElementById('sidebar');
        return { sidebarTop: rect('#sidebar').top, sidebarBottom: rect('#sidebar').bottom,
                 search: rect('#search-input'), badge: rect('.version-badge'),
                 scrolls: getComputedStyle(sidebar).overflowY };
      });
      assert.ok(box.sidebarTop >= 0, `${look.name}: sidebar top ${box.sidebarTop}`);
      if (!phone) {
        // The sidebar's contents are all reachable: it is not taller than
        // the screen, and scrolls on its own.
        assert.ok(box.sidebarBottom <= look.viewport.height, `${look.name}: sidebar bottom ${box.sidebarBottom}`);
        assert.equal(box.scrolls, 'auto');
        assert.ok(box.search.top >= 0 && box.search.bottom <= 120, `search at ${box.search.top}`);
        assert.ok(box.badge.top >= 0 && box.badge.bottom <= 120, `version at ${box.badge.top}`);
      }
      await page.screenshot({ path: path.join(shots, `edition-scrolled-${look.name}-${at === http ? 'http' : 'file'}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('a back-to-top link appears once the reader has scrolled, and goes to the top', async () => {
  const { page, problems, context } = await open(http('werkversie/ondersteuning.html'));
  const link = page.locator('.back-to-top a');
  const inView = () => link.evaluate((a) => a.getBoundingClientRect().bottom <= window.innerHeight);
  assert.equal(await inView(), false, 'not in view at the top of a long page');
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.waitForFunction(() => document.querySelector('.back-to-top').classList.contains('floating'));
  assert.equal(await inView(), true);
  assert.match(await link.innerText(), /Naar boven/);
  await link.click();
  await page.waitForFunction(() => window.scrollY < 200);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keys: / and s focus search, ← and → open the previous and the next chapter', async () => {
  const { page, problems, context } = await open(http('werkversie/opdracht.html'));
  const active = () => page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('/');
  assert.equal(await active(), 'search-input');
  assert.equal(await page.locator('#search-input').inputValue(), '', 'the key is not typed');
  // While typing, s and the arrows are text.
  await page.keyboard.type('s');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('#search-input').inputValue(), 's');
  assert.match(page.url(), /opdracht\.html$/);
  await page.locator('#search-input').fill('');
  await page.locator('main h1').click();
  await page.keyboard.press('s');
  assert.equal(await active(), 'search-input');
  await page.locator('main h1').click();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/\/werkversie\/aanpak\.html$/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/\/werkversie\/opdracht\.html$/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/\/werkversie\/aanleiding\.html$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the light/dark/auto switch is remembered, also from file://', async () => {
  for (const at of [http, file]) {
    const { page, problems, context } = await open(at('werkversie/aanleiding.html'));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), 'rgb(255, 255, 255)');
    await page.locator('#theme-select').selectOption('dark');
    assert.equal(await background(), 'rgb(21, 24, 27)');
    await page.goto(at('werkversie/opdracht.html'));
    assert.equal(await background(), 'rgb(21, 24, 27)', 'remembered on the next page');
    assert.equal(await page.locator('#theme-select').inputValue(), 'dark');
    await page.screenshot({ path: path.join(shots, `edition-dark-switch-${at === http ? 'http' : 'file'}.png`) });
    await page.locator('#theme-select').selectOption('auto');
    await page.reload();
    assert.equal(await background(), 'rgb(255, 255, 255)');
    assert.deepEqual(problems, []);
    await context.close();
  }
  // "Light" wins over a dark system setting.
  const { page, context } = await open(http('werkversie/aanleiding.html'), { colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(21, 24, 27)');
  await page.locator('#theme-select').selectOption('light');
  await page.reload();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  await context.close();
});

test('screenshots: a chapter scrolled down at 1280 and 375 px, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, problems, context } = await open(http('werkversie/ondersteuning.html'), { viewport, colorScheme });
      await page.evaluate(() => window.scrollTo(0, 5000));
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(shots, `edition-chapter-${viewport.width}-${colorScheme}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('concept 1: the definition filter counts elements whose names have spaces', async () => {
  const data = JSON.parse(readFileSync(path.join(source, 'content/versions/concept-1/data/definitions.json'), 'utf8'));
  for (const look of LOOKS) {
    const { page, problems, context } = await open(http('concept-1/begrippen.html'), look);
    const form = page.locator('form.definition-controls');
    for (const name of ['kwaliteit van leven', 'eigen regie', 'symptomen']) {
      const expected = data.definitions.filter((d) => (d.elements ?? []).includes(name)).length;
      assert.ok(expected > 0, name);
      await form.locator('select[name="element"]').selectOption({ label: name });
      assert.equal(await form.locator('.shown-count').innerText(), String(expected), name);
      assert.equal(await page.locator('figure.definition:visible').count(), expected, name);
    }
    await form.locator('select[name="element"]').selectOption('');
    assert.equal(await form.locator('.shown-count').innerText(), String(data.definitions.length));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('titles name the version; labels say what a version is', async () => {
  const { page, problems, context } = await open(http('index.html'));
  const title = await page.title();
  const parts = title.split(' · ');
  assert.equal(new Set(parts).size, parts.length, `the landing title repeats itself: ${title}`);
  const titles = new Map();
  const labels = { start: 'Startdocument', 'concept-1': 'Concept 1', 'concept-2': 'Concept 2',
                   'concept-3': 'Concept 3', final: 'Eindproduct', werkversie: 'Werkversie' };
  for (const [id, label] of Object.entries(labels)) {
    for (const rel of ['index.html', 'aanleiding.html']) {
      await page.goto(http(`${id}/${rel}`));
      const t = await page.title();
      assert.ok(t.includes(label), `${id}/${rel}: ${t}`);
      const p = t.split(' · ');
      assert.equal(new Set(p).size, p.length, `${id}/${rel} repeats itself: ${t}`);
      assert.ok(!titles.has(t), `${id}/${rel} has the title of ${titles.get(t)}: ${t}`);
      titles.set(t, `${id}/${rel}`);
    }
    assert.equal(await page.locator('.version-badge').innerText(), label);
    const header = await page.locator('body > header').innerText();
    // "Werkversie" only for the working draft, and never twice.
    if (id !== 'werkversie') assert.doesNotMatch(header, /werkversie/i, `${id}: ${header}`);
    assert.doesNotMatch(header, /werkversie\W+werkversie/i, header);
    // Nor does the version's own page, or its print edition, call a
    // published version a working draft (the start document did).
    await page.goto(http(`${id}/index.html`));
    const facts = await page.locator('main').innerText();
    if (id !== 'werkversie') assert.doesNotMatch(facts, /werkversie/i, `${id}/index.html`);
    const print = readFileSync(path.join(site, id, 'print.html'), 'utf8');
    const status = print.match(/<dd class="status">([^<]*)<\/dd>/)[1];
    if (id !== 'werkversie') assert.notEqual(status, 'werkversie', `${id}/print.html`);
    const options = await page.locator('#version-select option').allInnerTexts();
    assert.deepEqual(options, Object.values(labels));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('404.html, served for a missing page at any depth, has no broken link', async () => {
  for (const look of LOOKS) for (const missing of ['bestaat-niet.html', 'final/bestaat-niet.html',
                                                  'werkversie/oud/diep/weg.html', 'concept-2/assets/weg.css.html']) {
    const { page, problems, context } = await open(http(missing), look);
    assert.match(await page.locator('main h1').innerText(), /Pagina niet gevonden/, missing);
    // The stylesheet applied: the page is laid out, not raw.
    if (look.viewport === DESKTOP) {
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.layout')).display), 'flex', missing);
    }
    const urls = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
      ...[...document.querySelectorAll('link[href]')].map((l) => l.href),
      ...[...document.querySelectorAll('script[src]')].map((s) => s.src)]);
    assert.ok(urls.length > 10, missing);
    for (const url of urls) {
      if (url.startsWith('data:')) continue;
      const [target, fragment] = url.split('#');
      if (target === http(missing)) {  // a link within the page: its target exists
        assert.equal(await page.locator(`[id="${fragment}"]`).count(), 1, `${missing}: ${url}`);
        continue;
      }
      const status = await page.evaluate(async (u) => (await fetch(u)).status, target);
      assert.equal(status, 200, `${missing}: ${url}`);
    }
    // The one 404 is the missing page's own status.
    assert.deepEqual(problems.filter((p) => !p.endsWith(`(${http(missing)})`)), [], missing);
    await context.close();
  }
});

/// Types `query` into the search field and waits for its status line.
async function search(page, query) {
  await page.locator('#search-input').fill(query);
  await page.waitForFunction((q) => document.querySelector('#search-status').textContent.includes(`“${q.trim()}”`), query);
  const status = await page.locator('#search-status').innerText();
  return { count: Number((status.match(/^(\d+) resultaten/) ?? [0, status.startsWith('1 ') ? 1 : 0])[1]), status };
}

test('search lists every result, a page at a time', async () => {
  for (const look of LOOKS) {
    const { page, problems, context } = await open(http('werkversie/aanleiding.html'), look);
    const { count } = await search(page, 'zorg');
    assert.ok(count > 20, `${count} results`);
    assert.equal(await page.locator('#search-results a').count(), 10);
    const more = page.locator('#search-results .search-more button');
    while (await more.count()) {
      const before = await page.locator('#search-results a').count();
      assert.match(await more.innerText(), new RegExp(`${before} van ${count}`));
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('#search-results a').length > n, before);
    }
    const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.href));
    assert.equal(hrefs.length, count);
    assert.equal(new Set(hrefs).size, count);
    await page.screenshot({ path: path.join(shots, `edition-search-all-${look.name}.png`) });
    // The keyboard reaches the button: down from the last result.
    await page.locator('#search-input').fill('');
    await page.waitForFunction(() => document.querySelector('#search-status').textContent === '');
    await search(page, 'zorg');
    await page.locator('#search-results a').last().focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.search-more') !== null), true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 10);
    assert.equal(await page.evaluate(() => document.activeElement.closest('#search-results') !== null), true);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('search: a one-letter typo in a word of five letters or more finds the word', async () => {
  for (const look of LOOKS) {
    const { page, problems, context } = await open(http('final/aanleiding.html'), look);
    const bytes = [];
    page.on('response', async (r) => { if (r.url().includes('/search/')) bytes.push((await r.body()).length); });
    // A typo costs no more index than the budget of a query.
    assert.ok((await search(page, 'zelfmanagment')).count > 0);
    await page.waitForTimeout(200);
    const total = bytes.reduce((a, b) => a + b, 0);
    assert.ok(total < 100_000, `${total} bytes of index`);
    for (const [typo, right] of [['zelfmanagment', 'zelfmanagement'], ['kwalitiet', 'kwaliteit'],
                                 ['zorgverlenrs', 'zorgverleners'], ['regiee', 'regie']]) {
      const wrong = await search(page, typo);
      const good = await search(page, right);
      assert.ok(good.count > 0, right);
      const found = await search(page, typo);
      assert.ok(found.count > 0, `${typo}: ${wrong.status}`);
      const marks = await page.locator('#search-results mark').allInnerTexts();
      assert.ok(marks.length > 0, typo);
    }
    // Short words are taken as typed.
    assert.equal((await search(page, 'zrog')).count, 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('footnotes are styled, their back-links say it in Dutch', async () => {
  const { page, problems, context } = await open(http('werkversie/aanleiding.html'));
  const back = page.locator('.footnotes .footnote-backref');
  assert.ok(await back.count() > 0);
  for (const label of await back.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')))) {
    assert.equal(label, 'Terug naar de tekst');
  }
  const style = await page.locator('.footnotes').evaluate((s) => {
    const c = getComputedStyle(s);
    return { border: c.borderTopStyle, size: parseFloat(c.fontSize),
             body: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize) };
  });
  assert.equal(style.border, 'solid');
  assert.ok(style.size < style.body, `${style.size}px notes, ${style.body}px text`);
  for (const version of ['start', 'concept-1', 'concept-2', 'concept-3', 'final', 'werkversie']) {
    for (const rel of ['aanleiding.html', 'begrippen.html']) {
      await page.goto(http(`${version}/${rel}`));
      assert.doesNotMatch(await page.content(), /Back to content/, `${version}/${rel}`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('tables: no sideways scroll from the hidden reference, a shadow hint, a sticky first column on phones', async () => {
  const pages = ['werkversie/opdracht.html', 'werkversie/begrippen.html', 'werkversie/wat-de-visie-vraagt.html',
                 'werkversie/kansen-belemmeringen.html', 'final/opdracht.html'];
  const { page, problems, context } = await open(http(pages[0]));
  for (const rel of pages) {
    await page.goto(http(rel));
    const wraps = await page.locator('.table-wrap').evaluateAll((ws) => ws.map((w) => ({
      id: w.id, extra: w.scrollWidth - Math.max(w.clientWidth, w.querySelector('table').offsetWidth),
      background: getComputedStyle(w).backgroundImage })));
    for (const w of wraps) {
      assert.ok(w.extra <= 1, `${rel} #${w.id} scrolls ${w.extra}px past its table`);
      assert.match(w.background, /radial-gradient/, `${rel} #${w.id}`);
    }
  }
  await context.close();
  const phone = await open(http('werkversie/wat-de-visie-vraagt.html'), { viewport: PHONE });
  const wrap = phone.page.locator('.table-wrap').first();
  await wrap.scrollIntoViewIfNeeded();
  const scrolls = await wrap.evaluate((w) => w.scrollWidth > w.clientWidth + 20);
  assert.ok(scrolls, 'the table scrolls on a phone');
  await phone.page.screenshot({ path: path.join(shots, 'edition-table-375-start.png') });
  await wrap.evaluate((w) => { w.scrollLeft = 150; });
  const left = await wrap.evaluate((w) => ({
    wrap: w.getBoundingClientRect().left, cell: w.querySelector('tbody td, tbody th').getBoundingClientRect().left }));
  assert.ok(Math.abs(left.cell - left.wrap) <= 1, `first column at ${left.cell}, box at ${left.wrap}`);
  await phone.page.screenshot({ path: path.join(shots, 'edition-table-375.png') });
  assert.deepEqual([...problems, ...phone.problems], []);
  await phone.context.close();
});

test('the print page reads on a screen: a line length, a way back, a phone viewport', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { page, problems, context } = await open(http('final/print.html'), { viewport });
    const m = await page.evaluate(() => {
      const p = document.querySelector('.chapter p');
      return { overflow: document.documentElement.scrollWidth - window.innerWidth,
               width: p.getBoundingClientRect().width, size: parseFloat(getComputedStyle(p).fontSize) };
    });
    assert.ok(m.overflow <= 0, `${viewport.width}px: ${m.overflow}px too wide`);
    assert.ok(m.width <= 45 * 16, `${viewport.width}px: lines of ${m.width}px`);
    assert.ok(m.size >= 15, `${viewport.width}px: text at ${m.size}px`);
    const back = page.locator('.print-back a');
    assert.equal(await back.isVisible(), true);
    await page.screenshot({ path: path.join(shots, `edition-print-${viewport.width}.png`) });
    await back.click();
    await page.waitForURL(/\/final\/index\.html$/);
    await page.goBack();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await back.isVisible(), false, 'not on paper');
    // print.html is self-contained, with no icon link: the browser asks the host.
    assert.deepEqual(problems.filter((p) => !p.includes('/favicon.ico')), []);
    await context.close();
  }
});

test('search also finds the literature and the glossary', async () => {
  const { page, problems, context } = await open(http('werkversie/aanleiding.html'));
  for (const [word, where] of [['anderson', 'Literatuur'], ['ambassadeur', 'Begrippenlijst']]) {
    const { count } = await search(page, word);
    assert.ok(count > 0, word);
    const places = await page.locator('#search-results .result-where').allInnerTexts();
    assert.ok(places.some((p) => p.startsWith(where)), `${word}: ${places.join(' | ')}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('search counts the results in every version on request', async () => {
  for (const at of [http, file]) {
    const { page, problems, context } = await open(at('werkversie/aanleiding.html'));
    const { count } = await search(page, 'zelfmanagement');
    const button = page.locator('.search-versions button');
    assert.equal(await button.innerText(), 'Aantal per versie');
    await button.click();
    await page.waitForSelector('.search-versions a');
    const links = await page.locator('.search-versions a').allInnerTexts();
    assert.equal(links.length, 6, links.join(' · '));
    await page.screenshot({ path: path.join(shots, `edition-search-versions-${at === http ? 'http' : 'file'}.png`) });
    const numbers = Object.fromEntries(links.map((l) => [l.replace(/ \(\d+\)$/, ''), Number(l.match(/\((\d+)\)$/)[1])]));
    assert.equal(numbers.Werkversie, count);
    assert.ok(Object.values(numbers).every((n) => n > 0), links.join(' · '));
    assert.equal(await page.locator('.search-versions a[aria-current]').innerText(), `Werkversie (${count})`);
    assert.match(await page.locator('.search-versions a').first().evaluate((a) => a.href), /\/start\/index\.html$/);
    // This version's results are still its own.
    await page.locator('#search-input').fill('');
    await page.waitForFunction(() => document.querySelector('#search-status').textContent === '');
    assert.equal((await search(page, 'zelfmanagement')).count, count);
    const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.every((h) => h.includes('/werkversie/')), hrefs.join());
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('figure text on a phone is drawn at 10 px or more, almost all at 11 px or more', async () => {
  const { page, problems, context } = await open(http('werkversie/aanleiding.html'), { viewport: PHONE });
  const sizes = [];
  for (const rel of ['aanpak.html', 'aspecten.html', 'kansen-belemmeringen.html', 'ondersteuning.html']) {
    await page.goto(http(`werkversie/${rel}`));
    sizes.push(...await page.evaluate((r) => {
      const out = [];
      for (const svg of document.querySelectorAll('svg.fig-svg')) {
        const w = svg.getBoundingClientRect().width;
        if (!w) continue;
        for (const t of svg.querySelectorAll('text')) {
          out.push({ px: t.getBoundingClientRect().height ? parseFloat(t.getAttribute('font-size')) * w / svg.viewBox.baseVal.width : 99,
                     what: `${r}: ${t.textContent.slice(0, 30)}` });
        }
      }
      return out;
    }, rel));
  }
  assert.ok(sizes.length > 50, `${sizes.length} texts`);
  const small = sizes.filter((s) => s.px < 10);
  assert.deepEqual(small.map((s) => `${s.what} ${s.px.toFixed(1)}px`), []);
  const under11 = sizes.filter((s) => s.px < 11).length;
  assert.ok(under11 <= sizes.length / 20, `${under11} of ${sizes.length} texts under 11 px`);
  await page.locator('figure.fig').first().screenshot({ path: path.join(shots, 'edition-figure-375.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [where, at] of [['over HTTP', http], ['from file://', file]]) {
  test(`the page a search result opens marks the words it was found by (${where})`, async () => {
    const { page, problems, context } = await open(at('final/aanleiding.html'));
    await search(page, 'zorgverleners');
    await page.locator('#search-results a').first().click();
    await page.waitForURL(/highlight=/);
    await page.waitForSelector('main mark.search-hit');
    const marks = await page.locator('main mark.search-hit').allInnerTexts();
    assert.ok(marks.length > 0);
    assert.ok(marks.every((m) => /^zorgverlener(s)?$/i.test(m)), marks.join());
    // The section the result names is where the page stands.
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    assert.ok(hash.length > 0);
    const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, hash);
    assert.ok(top >= 0 && top < 400, `section at ${top}px`);
    // Without the parameter nothing is marked.
    await page.goto(at('final/aanleiding.html'));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('main mark.search-hit').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('on wide screens the on-page contents stays in the right margin and marks the section read', async () => {
  const { page, problems, context } = await open(http('final/ondersteuning.html'), { viewport: { width: 1600, height: 900 } });
  const box = page.locator('.page-toc-box');
  const main = await page.locator('main').boundingBox();
  const first = await box.boundingBox();
  assert.ok(first.x >= main.x + main.width, `contents at x=${first.x}, text ends at ${main.x + main.width}`);
  const links = page.locator('.page-toc a');
  const n = await links.count();
  assert.ok(n >= 3, `${n} sections`);
  // Jump to the third section: it becomes the marked one, and the contents stay in view.
  const href = await links.nth(2).getAttribute('href');
  await page.evaluate((id) => document.getElementById(id).scrollIntoView(), decodeURIComponent(href.slice(1)));
  await page.waitForFunction((h) => document.querySelector('.page-toc a.active')?.getAttribute('href') === h, href);
  assert.equal(await page.locator('.page-toc a[aria-current="location"]').count(), 1);
  const later = await box.boundingBox();
  assert.ok(later.y >= 0 && later.y < 300, `contents at y=${later.y} after scrolling`);
  await page.screenshot({ path: path.join(shots, 'edition-page-toc-1600.png') });
  // Narrower, the contents stand above the text, as before.
  await page.setViewportSize(DESKTOP);
  const narrow = await box.boundingBox();
  const text = await page.locator('main').boundingBox();
  assert.ok(narrow.x < text.x + text.width);
  assert.deepEqual(problems, []);
  await context.close();
});

test('change pages: inserted and deleted words have dark backgrounds in dark mode', async () => {
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number).map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const scheme of ['light', 'dark']) {
    const { page, problems, context } = await open(http('final/changes.html'), { colorScheme: scheme });
    for (const tag of ['ins', 'del']) {
      const el = page.locator(`main ${tag}`).first();
      assert.ok(await el.count(), `${tag} on the changes page`);
      const [bg, fg] = await el.evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);
      const [lb, lf] = [luminance(bg), luminance(fg)];
      if (scheme === 'dark') assert.ok(lb < 0.1, `${tag} background ${bg} in dark mode`);
      else assert.ok(lb > 0.5, `${tag} background ${bg} in light mode`);
      const contrast = (Math.max(lb, lf) + 0.05) / (Math.min(lb, lf) + 0.05);
      assert.ok(contrast >= 4.5, `${tag} contrast ${contrast.toFixed(2)} (${scheme})`);
    }
    await page.screenshot({ path: path.join(shots, `edition-changes-${scheme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("Chromium's print of print.html: page numbers in the footer, footnotes at the end of each chapter", async () => {
  const html = readFileSync(path.join(site, 'final/print.html'), 'utf8');
  const notes = (html.match(/<span class="footnote"/g) ?? []).length;
  assert.ok(notes > 0, 'the final version has footnotes');
  const { page, problems, context } = await open(file('final/print.html'));
  assert.equal(await page.locator('.footnote').count(), 0);
  assert.equal(await page.locator('.chapter-notes-list > li').count(), notes);
  // Each call leads to its note, in the same chapter.
  const calls = await page.locator('a.chapter-note-call').evaluateAll((as) =>
    as.map((a) => [a.closest('section').id, document.getElementById(a.getAttribute('href').slice(1))?.closest('section').id]));
  assert.equal(calls.length, notes);
  assert.ok(calls.every(([from, to]) => from === to), JSON.stringify(calls));
  const pdf = path.join(dir, 'chromium-final.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  assert.ok(!/\[\d+: /.test(text), 'no footnote inline in brackets');
  assert.ok(text.includes('Noten'));
  // Every page after the cover ends with its number.
  const numbered = pages.slice(1).filter((p, i) => p.trim().split('\n').pop().trim() === String(i + 2)).length;
  assert.equal(numbered, pages.length - 1, `${numbered} of ${pages.length - 1} pages numbered`);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '3', '-l', '3', pdf, path.join(shots, 'edition-chromium-print')]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every page names the same page of the newest frozen version as canonical, where it has one', async () => {
  const { page, problems, context } = await open(http('index.html'));
  for (const id of [...FROZEN, 'werkversie']) {
    await page.goto(http(`${id}/aanleiding.html`));
    const href = await page.locator('link[rel="canonical"]').getAttribute('href');
    assert.equal(href, '../final/aanleiding.html', `${id}/aanleiding.html`);
    const target = new URL(href, page.url()).href;
    assert.equal(target, http('final/aanleiding.html'));
    assert.equal((await fetch(target)).status, 200, target);
  }
  // A page the final version does not have names none.
  await page.goto(http('werkversie/commentaar.html'));
  assert.equal(await page.locator('link[rel="canonical"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the PDF is linked with its pages and size, in the page language', async () => {
  const js = readFileSync(path.join(site, 'versions.js'), 'utf8');
  const data = JSON.parse(js.slice(js.indexOf('{'), js.lastIndexOf('}') + 1));
  const cases = [
    [23, 1234567, "Download PDF (23 pagina's, 1,2 MB)"],
    [1, 850000, 'Download PDF (1 pagina, 850 kB)'],
    [undefined, undefined, 'Download PDF'],
  ];
  for (const [pages, bytes, text] of cases) {
    const context = await browser.newContext({ viewport: DESKTOP });
    // versions.js as a build with --pdf writes it once WeasyPrint ran.
    const final = data.versions.find((v) => v.id === 'final');
    Object.assign(final, { pdf: 'visie-op-zelfmanagement-final.pdf', pdf_pages: pages, pdf_bytes: bytes });
    await context.route('**/versions.js', (route) => route.fulfill({
      contentType: 'text/javascript', body: `window.visieVersions = ${JSON.stringify(data)};\n` }));
    const page = await context.newPage();
    await page.goto(http('final/aanleiding.html'));
    const link = page.locator('.print-links .pdf-link a');
    await link.waitFor();
    assert.equal(await link.innerText(), text);
    assert.equal(await link.getAttribute('href'), 'visie-op-zelfmanagement-final.pdf');
    await context.close();
  }
});

test('the Word file is linked beside the PDF when versions.js names it', async () => {
  const js = readFileSync(path.join(site, 'versions.js'), 'utf8');
  const data = JSON.parse(js.slice(js.indexOf('{'), js.lastIndexOf('}') + 1));
  // The working version: a frozen one shows the link from its next refreeze
  // (its pages keep the assets they were published with).
  for (const docx of [undefined, 'visie-op-zelfmanagement-werkversie.docx']) {
    const context = await browser.newContext({ viewport: DESKTOP });
    // versions.js as a build with --docx writes it.
    const draft = data.versions.find((v) => v.id === 'werkversie');
    if (docx) draft.docx = docx; else delete draft.docx;
    await context.route('**/versions.js', (route) => route.fulfill({
      contentType: 'text/javascript', body: `window.visieVersions = ${JSON.stringify(data)};\n` }));
    const page = await context.newPage();
    await page.goto(http('werkversie/aanleiding.html'));
    const link = page.locator('.print-links .docx-link a');
    if (docx) {
      await link.waitFor();
      assert.equal(await link.innerText(), 'Download Word-bestand');
      assert.equal(await link.getAttribute('href'), docx);
    } else {
      await page.locator('.print-links').waitFor();
      assert.equal(await link.isVisible(), false);
    }
    await context.close();
  }
});
