// The panel review loop as a panel member and the team use it: on the
// static site with ?review (comments kept in the browser, exported as a
// file), and against `visie serve --review` (comments posted through the
// real page, read back by the team, who records a disposition). Script in a
// comment must stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
const shots = process.env.VISIE_SCREENSHOTS ?? path.join(tmpdir(), 'visie-screenshots');
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Te lang.';
let dir;
let site;
let browser;
let server;
let origin;

/// A plain static file server for the built site, on the loopback interface.
function serveStatic() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                  '.css': 'text/css', '.json': 'application/json' };
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      let file = path.join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
      try {
        if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404); res.end();
      }
    });
    server.listen(0, '127.0.0.1', () => { origin = `http://127.0.0.1:${server.address().port}/`; resolve(); });
  });
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-review-'));
  site = path.join(dir, 'site');
  execFileSync(bin, ['build', '-q', '--content', path.join(source, 'content'), '--out', site]);
  await serveStatic();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// A fresh browser profile (its own localStorage) with page errors recorded.
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  return { context, page, problems };
}

/// Fills in and sends the comment form of the first block of the page.
async function comment(page, text, { suggestion = '', role = null } = {}) {
  const button = page.locator('.review-button').first();
  await button.click();
  const form = page.locator('form.review-form');
  await form.locator('textarea[name=comment]').fill(text);
  if (suggestion) await form.locator('textarea[name=suggestion]').fill(suggestion);
  if (role) await form.locator('select[name=role]').selectOption(role);
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.review-comment');
}

async function firstBlock(page) {
  return page.locator('.review-button').first().evaluate((b) => b.parentElement.id);
}

test('without review mode the pages show no review buttons', async () => {
  const { context, page, problems } = await newPage();
  await page.goto(`${origin}concept-2/aanleiding.html`);
  assert.equal(await page.locator('.review-bar, .review-button').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on the static site, ?review keeps comments in the browser and exports them as a file', async () => {
  const { context, page, problems } = await newPage();
  await page.goto(`${origin}concept-2/aanleiding.html?review`);
  await page.waitForSelector('.review-bar');
  const blocks = await page.locator('.review-button').count();
  assert.equal(blocks, await page.locator('main a.ref').count() - await page.locator('main :is(h2,h3,h4) > a.ref').count());
  const block = await firstBlock(page);
  await comment(page, HOSTILE, { suggestion: 'Korter graag.', role: 'client' });

  // The comment is shown as text: no element, no script ran.
  const shown = page.locator('.review-comment').first();
  assert.equal(await shown.locator('.review-comment-text').innerText(), HOSTILE);
  assert.equal(await page.locator('.review-thread img, .review-thread script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.locator('.review-status').innerText(), /bewaard in deze browser/);
  await page.screenshot({ path: path.join(shots, 'review-static.png') });

  // The mode and the comment survive a visit without ?review.
  await page.goto(`${origin}concept-2/aanleiding.html`);
  await page.waitForSelector('.review-comment');
  assert.equal(await page.locator('.review-comment-text').first().innerText(), HOSTILE);

  // The export is the documented file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.review-export').click()]);
  assert.equal(download.suggestedFilename(), 'visie-review-concept-2.json');
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.format, 'visie-review/1');
  assert.equal(file.version, 'concept-2');
  assert.equal(file.comments.length, 1);
  const [c] = file.comments;
  assert.equal(c.chapter, 'aanleiding');
  assert.equal(c.block, block);
  assert.equal(c.role, 'client');
  assert.equal(c.comment, HOSTILE);
  assert.equal(c.suggestion, 'Korter graag.');
  assert.match(c.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(c.quote, /^Mensen met een chronische aandoening/);
  assert.ok(!c.quote.includes('§'), 'the quote leaves out the reference');

  // The form and the comments pass axe.
  await page.locator('.review-button').nth(1).click();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

  // Leaving review mode removes the buttons.
  await page.locator('.review-stop').click();
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('.review-button').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the example comments on the final version show only in the working draft, no published version', async () => {
  const { context, page, problems } = await newPage();
  for (const version of ['start', 'concept-1', 'concept-2', 'concept-3', 'final']) {
    const response = await page.request.get(`${origin}${version}/commentaar.html`);
    assert.equal(response.status(), 404, `${version} publishes no made-up comments`);
  }
  await page.goto(`${origin}werkversie/commentaar.html`);
  assert.match(await page.locator('.example-data').innerText(), /Voorbeeldgegevens/);
  const comments = page.locator('li.disposition');
  assert.ok(await comments.count() > 0);
  // A link to a paragraph that still exists lands on it.
  const link = page.locator('.disposition-link a').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((u) => u.href.endsWith(href));
  const target = href.split('#')[1];
  assert.equal(await page.locator(`[id="${target}"]`).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/// Runs `visie args…` and returns its standard output.
function visie(...args) {
  return execFileSync(bin, args, { encoding: 'utf8' });
}

test('through `visie serve --review`: a panel member posts on the real page, the team records a disposition', async () => {
  const db = path.join(dir, 'reviews', 'visie.sqlite');
  const content = path.join(source, 'content');
  const token = (link) => new URL(link.trim().split(/\s+/).find((w) => w.includes('token='))).searchParams.get('token');
  const expert = token(visie('review', 'invite', '--version', 'concept-2', '--role', 'expert', '--db', db));
  const team = token(visie('review', 'invite', '--version', 'concept-2', '--team', '--db', db));
  const child = spawn(bin, ['serve', '--review', '--version', 'concept-2', '--port', '0', '--db', db,
                            '--content', content], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });

    // Without a token: the page says what is needed and offers no form.
    const anonymous = await newPage();
    await anonymous.page.goto(`${url}concept-2/aanleiding.html`);
    await anonymous.page.waitForFunction(() => /uitnodigingslink/.test(document.querySelector('.review-bar')?.textContent ?? ''));
    assert.equal(await anonymous.page.locator('.review-button').count(), 0);
    await anonymous.context.close();

    // The panel member, from the invitation link.
    const reviewer = await newPage();
    await reviewer.page.goto(`${url}concept-2/aanleiding.html?token=${expert}`);
    await reviewer.page.waitForSelector('.review-button');
    assert.ok(!reviewer.page.url().includes('token='), 'the token leaves the address bar');
    assert.match(await reviewer.page.locator('.review-bar-text').innerText(), /Expert/);
    const block = await firstBlock(reviewer.page);
    await comment(reviewer.page, HOSTILE);
    assert.match(await reviewer.page.locator('.review-status').innerText(), /verstuurd/);
    await reviewer.page.reload();
    await reviewer.page.waitForSelector('.review-comment');
    assert.equal(await reviewer.page.locator('.review-comment-text').first().innerText(), HOSTILE);
    assert.equal(await reviewer.page.evaluate(() => window.__pwned), undefined);
    await reviewer.page.screenshot({ path: path.join(shots, 'review-server.png') });
    assert.deepEqual(reviewer.problems, []);

    // The team sees the count in the sidebar and the comment, and decides.
    const lead = await newPage();
    await lead.page.goto(`${url}concept-2/aanleiding.html?token=${team}`);
    await lead.page.waitForSelector('.review-comment .review-disposition');
    assert.match(await lead.page.locator('#sidebar .review-count').first().innerText(), /1/);
    const form = lead.page.locator('.review-disposition').first();
    await form.locator('select').selectOption('accepted');
    await form.locator('textarea').fill('Ingekort in concept 3.');
    await form.locator('button[type=submit]').click();
    await lead.page.waitForFunction(() => /Opgeslagen/.test(document.querySelector('.review-status').textContent));
    const saved = await lead.page.evaluate(async ([api, t]) => {
      const r = await fetch(`${api}/comments?chapter=aanleiding`, { headers: { Authorization: `Bearer ${t}` } });
      return r.json();
    }, [`${url.replace(/\/$/, '')}/api`, team]);
    const mine = saved.comments.find((c) => c.block === block);
    assert.equal(mine.disposition, 'accepted');
    assert.equal(mine.response, 'Ingekort in concept 3.');
    assert.equal(mine.comment, HOSTILE);
    assert.deepEqual(lead.problems, []);
    await lead.context.close();
    await reviewer.context.close();
  } finally {
    child.kill('SIGTERM');
  }
});
