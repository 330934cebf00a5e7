// Accessibility and valid HTML: axe-core on every kind of page in both
// themes, and the Nu HTML Checker (vnu.jar, Java) on every generated page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

let dir;
let site;
let browser;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-a11y-'));
  site = path.join(dir, 'site');
  execFileSync(bin, ['build', '-q', '--content', path.join(source, 'content'), '--out', site]);
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

/// Every kind of page the site has, and a state that only script makes.
const pages = [
  ['landing', 'index.html'],
  ['404', '404.html'],
  ['version contents', 'final/index.html'],
  ['chapter with figures', 'final/aspecten.html'],
  ['glossary', 'final/begrippenlijst.html'],
  ['definitions overview and matrix', 'final/begrippen.html'],
  ['chapter with tables', 'final/kansen-belemmeringen.html'],
  ['changes', 'concept-3/changes.html'],
  ['disposition of comments', 'werkversie/commentaar.html'],
  ['working draft', 'werkversie/index.html'],
  ['concept', 'concept-1/aanleiding.html'],
  ['print edition', 'final/print.html'],
];

for (const colorScheme of ['light', 'dark']) {
  for (const [kind, rel] of pages) {
    test(`axe finds no WCAG 2.1 AA violation: ${kind} (${colorScheme})`, async () => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(site, rel)).href);
      if (kind === 'chapter with figures') {
        // Search results open, with highlighted hits.
        await page.locator('#search-input').fill('zorgverleners');
        await page.waitForSelector('#search-results mark');
      }
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const found = result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
      assert.deepEqual(found, []);
      await context.close();
    });
  }
}

test('the Nu HTML Checker finds no error in any generated page', () => {
  const java = spawnSync('java', ['-version']);
  assert.equal(java.status, 0, 'java is needed for vnu.jar (scripts/test installs it)');
  const require = createRequire(import.meta.url);
  const jar = require('vnu-jar');
  const files = readdirSync(site, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(site, f));
  assert.ok(files.length > 50, `${files.length} pages`);
  const run = spawnSync('java', ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', ...files],
                        { encoding: 'utf8', maxBuffer: 64 << 20 });
  // The print edition's stylesheet uses CSS Paged Media (GCPM: float:
  // footnote, string(), ::footnote-call), which WeasyPrint implements and
  // the checker's CSS validator does not know; its HTML is checked in full.
  const paged = (m) => m.url.endsWith('/print.html') && m.message.startsWith('CSS:');
  const messages = JSON.parse(run.stderr || '{"messages":[]}').messages.filter((m) => !paged(m));
  const errors = messages.map((m) =>
    `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});
