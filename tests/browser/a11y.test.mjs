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

/// Every kind of page the site has, and a state that only script makes:
/// the root pages, each page kind of a version, a chapter and the contents
/// of a version of each status (start document, concept, final, working
/// draft), the print editions of a concept and of the final version, and
/// the root pages on a phone.
const phone = { width: 375, height: 812 };
const pages = [
  ['landing', 'index.html'],
  ['landing on a phone', 'index.html', phone],
  ['404', '404.html'],
  ['404 on a phone', '404.html', phone],
  ['version contents', 'final/index.html'],
  ['contents of the start document', 'start/index.html'],
  ['contents of a concept', 'concept-2/index.html'],
  ['chapter with figures', 'final/aspecten.html'],
  ['glossary', 'final/begrippenlijst.html'],
  ['literature', 'final/literatuur.html'],
  ['definitions overview and matrix', 'final/begrippen.html'],
  ['chapter with tables', 'final/kansen-belemmeringen.html'],
  ['chapter of the start document', 'start/aanleiding.html'],
  ['chapter of a concept', 'concept-1/aanleiding.html'],
  ['chapter of the final version', 'final/aanleiding.html'],
  ['chapter of the working draft', 'werkversie/aanleiding.html'],
  ['chapter on a phone with the menu open', 'werkversie/aanleiding.html', phone],
  ['changes', 'concept-3/changes.html'],
  ['changes in the working draft', 'werkversie/changes.html'],
  ['disposition of comments', 'werkversie/commentaar.html'],
  ['working draft', 'werkversie/index.html'],
  ['print edition', 'final/print.html'],
  ['print edition of a concept', 'concept-2/print.html'],
];

for (const colorScheme of ['light', 'dark']) {
  for (const [kind, rel, viewport] of pages) {
    test(`axe finds no WCAG 2.1 AA violation: ${kind} (${colorScheme})`, async () => {
      const context = await browser.newContext({ colorScheme, viewport: viewport ?? { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(site, rel)).href);
      if (kind.endsWith('with the menu open')) {
        await page.locator('.nav-toggle').click();
        await page.waitForSelector('#sidebar.open');
      }
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
  // The print edition's CSS Paged Media (float: footnote, string(), which
  // the checker's CSS validator does not know) is in assets/print.css, which
  // the checker does not read: every page is checked in full.
  const messages = JSON.parse(run.stderr || '{"messages":[]}').messages;
  const errors = messages.map((m) =>
    `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});
