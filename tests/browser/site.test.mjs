// The built site as a reader sees it: Debian's Chromium, driven by
// playwright-core, on the bundled content built by the visie binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
const shots = process.env.VISIE_SCREENSHOTS ?? path.join(tmpdir(), 'visie-screenshots');
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

let dir;
let browser;
const url = (rel) => pathToFileURL(path.join(dir, 'site', rel)).href;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-browser-'));
  execFileSync(bin, ['build', '-q', '--content', path.join(source, 'content'),
                     '--out', path.join(dir, 'site')]);
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// Opens a page and records console errors and every request that is not
/// a local file: the site must work offline with nothing fetched elsewhere.
async function open(rel, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) problems.push(`request to ${r.url()}`); });
  await page.goto(url(rel));
  return { page, problems };
}

test('the landing page shows the newest version and the whole process', async () => {
  const { page, problems } = await open('index.html');
  assert.match(await page.title(), /Visie op zelfmanagement/);
  const timeline = await page.locator('ol.timeline > li').allInnerTexts();
  assert.equal(timeline.length, 6);
  assert.match(timeline[0], /Startdocument/);
  assert.match(timeline[4], /Eindproduct/);
  assert.match(timeline[5], /Werkversie/);
  // The newest published version is the default, not the working draft.
  assert.match(await page.locator('#newest-heading').innerText(), /Eindproduct/);
  await page.screenshot({ path: path.join(shots, 'landing.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reader goes from the landing page to a chapter and on to the next', async () => {
  const { page, problems } = await open('index.html');
  await page.locator('section.newest ol.contents a').first().click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/final\/[a-z0-9-]+\.html$/);
  const h1 = await page.locator('main h1').innerText();
  assert.ok(h1.length > 3, 'the chapter has a title');
  assert.equal(await page.locator('nav.sidebar [aria-current="page"]').innerText(), h1);
  await page.screenshot({ path: path.join(shots, 'chapter.png'), fullPage: false });
  await page.locator('nav.pager a.next').click();
  await page.waitForLoadState();
  assert.notEqual(await page.locator('main h1').innerText(), h1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a concept page says which version it is and that a newer one exists', async () => {
  const { page, problems } = await open('concept-1/index.html');
  const banner = await page.locator('.version-banner').innerText();
  assert.match(banner, /Concept 1/);
  assert.match(banner, /nieuwere versie: Eindproduct/);
  await page.locator('.version-banner .newer a').click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/final\/index\.html$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the switcher opens the same page in another version, or its contents', async () => {
  const { page, problems } = await open('concept-2/ondersteuning.html');
  const select = page.locator('.version-switcher select');
  assert.equal(await select.locator('option').count(), 6);
  await select.selectOption({ label: 'Eindproduct' });
  await page.locator('.version-switcher button').click();
  await page.waitForURL(/\/final\/ondersteuning\.html$/);
  // The start document has no such chapter: its contents page instead.
  await page.locator('.version-switcher select').selectOption({ label: 'Startdocument' });
  await page.locator('.version-switcher button').click();
  await page.waitForURL(/\/start\/index\.html$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the working draft says it is not published yet', async () => {
  const { page, problems } = await open('werkversie/index.html');
  const banner = await page.locator('.version-banner').innerText();
  assert.match(banner, /werkversie, nog niet gepubliceerd/);
  assert.match(banner, /Eindproduct/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the changes page shows what changed, with a word diff', async () => {
  const { page, problems } = await open('concept-3/changes.html');
  assert.match(await page.locator('main h1').innerText(), /Wijzigingen ten opzichte van Concept 2/);
  assert.ok(await page.locator('.block-changed ins').count() > 0, 'inserted words are marked');
  assert.ok(await page.locator('.block-added').count() > 0);
  const data = await page.locator('.data-changes li').allInnerTexts();
  assert.ok(data.some((t) => /Model .*toegevoegd/.test(t)), data.join('\n'));
  // Changed words come as phrases, not word by word; the text's changes
  // come first, the data's after.
  const split = await page.locator('.word-diff').evaluateAll((ps) =>
    ps.filter((p) => /<\/ins> <ins>|<\/del> <del>/.test(p.innerHTML)).map((p) => p.innerHTML));
  assert.deepEqual(split, [], 'changed words are grouped into phrases');
  const sections = await page.locator('main section.chapter-changes, main section.data-changes')
    .evaluateAll((ss) => ss.map((x) => x.classList.contains('data-changes')));
  assert.equal(sections.indexOf(true), sections.length - 1, 'data changes come last');
  // Each change links to the block in the new version.
  const href = await page.locator('.block-added a').first().getAttribute('href');
  await page.goto(`${url(`concept-3/${href.split('#')[0]}`)}#${href.split('#')[1]}`);
  const id = href.split('#')[1];
  assert.equal(await page.locator(`[id="${id}"]`).count(), 1);
  await page.goto(url('concept-3/changes.html'));
  await page.screenshot({ path: path.join(shots, 'changes.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the pages need no sideways scrolling', async () => {
  const { page, problems } = await open('final/index.html', { width: 390, height: 844 });
  const chapters = await page.locator('ol.contents a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(chapters.length >= 4);
  for (const href of chapters) {
    await page.goto(url(`final/${href}`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${href} is ${overflow}px wider than the screen`);
  }
  await page.screenshot({ path: path.join(shots, 'phone.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await page.close();
});
