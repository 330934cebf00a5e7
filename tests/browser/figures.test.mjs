// The figures as a reader sees them: every figure of the bundled site and
// of the fixtures, in Debian's Chromium at a desktop and a phone width.
// Each is screenshotted into build/screenshots/figures/ (look at them), and
// no text of a drawing may leave the box it was fitted into (its
// data-fit), the drawing's viewBox, or the figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.VISIE_BIN;
const source = process.env.VISIE_SOURCE_DIR;
const shots = path.join(process.env.VISIE_SCREENSHOTS ?? path.join(tmpdir(), 'visie-screenshots'),
                        'figures');
assert.ok(bin && source, 'VISIE_BIN and VISIE_SOURCE_DIR must be set (ctest sets them)');

const widths = [1280, 375];
// Chromium rounds a text's box out to whole pixels: a box is left by more
// than this many CSS pixels only when the measuring is wrong.
const tolerance = 1.5;

let dir;
let browser;
const sites = {
  bundled: path.join(source, 'content'),
  minimal: path.join(source, 'tests/fixtures/good/minimal'),
  long: path.join(source, 'tests/fixtures/good/long-labels'),
};

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'visie-figures-'));
  for (const [name, content] of Object.entries(sites)) {
    execFileSync(bin, ['build', '-q', '--content', content, '--out', path.join(dir, name)]);
  }
  rmSync(shots, { recursive: true, force: true });
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

/// The chapter pages of every version of a built site.
function chapter_pages(site) {
  const root = path.join(dir, site);
  const pages = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'assets') continue;
    for (const file of readdirSync(path.join(root, entry.name))) {
      // print.html is for paper: its figures are checked in the PDFs
      // (tests/print), where they are drawn.
      if (file.endsWith('.html') && file !== 'index.html' && file !== 'print.html') pages.push(`${entry.name}/${file}`);
    }
  }
  return pages.sort();
}

/// Runs in the page: what is wrong with its figures, and their ids.
function inspect_figures(tolerance) {
  const problems = [];
  const ids = [];
  for (const figure of document.querySelectorAll('figure.fig')) {
    const art = figure.querySelector('.fig-art');
    const label = figure.querySelector('.fig-number')?.textContent ?? '(no number)';
    ids.push(art?.id || figure.id);
    const shown = [...figure.querySelectorAll('svg.fig-svg')]
      .filter((svg) => svg.getBoundingClientRect().width > 0);
    if (shown.length !== 1) problems.push(`${label} shows ${shown.length} drawings`);
    const box = figure.getBoundingClientRect();
    for (const svg of shown) {
      const r = svg.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        problems.push(`${label}: the drawing (${r.width}px) is wider than its figure (${box.width}px)`);
      }
      const vb = svg.viewBox.baseVal;
      const slack = tolerance * vb.width / r.width;  // in user units
      for (const text of svg.querySelectorAll('text')) {
        const b = text.getBBox();
        const what = `${label} (${svg.classList.contains('fig-wide') ? 'wide' : 'narrow'}): "${text.textContent}"`;
        const outside = (x, y, w, h) =>
          b.x < x - slack || b.y < y - slack ||
          b.x + b.width > x + w + slack || b.y + b.height > y + h + slack;
        if (outside(vb.x, vb.y, vb.width, vb.height)) problems.push(`${what} leaves the viewBox`);
        const [x, y, w, h] = (text.dataset.fit ?? '').split(' ').map(Number);
        if (!(w > 0) || outside(x, y, w, h)) {
          problems.push(`${what} [${b.x.toFixed(1)} ${b.y.toFixed(1)} ${b.width.toFixed(1)} ${b.height.toFixed(1)}] leaves its box [${text.dataset.fit}]`);
        }
      }
    }
  }
  return { problems, ids };
}

for (const site of Object.keys(sites)) {
  test(`every figure of the ${site} site fits at ${widths.join(' and ')} px`, async () => {
    const problems = [];
    let figures = 0;
    for (const width of widths) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.on('pageerror', (e) => problems.push(String(e)));
      for (const rel of chapter_pages(site)) {
        await page.goto(pathToFileURL(path.join(dir, site, rel)).href);
        await page.evaluate(() => document.fonts.ready);
        const found = await page.evaluate(inspect_figures, tolerance);
        problems.push(...found.problems.map((p) => `${rel} at ${width}px: ${p}`));
        figures += found.ids.length;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${rel} at ${width}px is ${overflow}px wider than the window`);
        // Screenshots of the newest version (and of every fixture page).
        if (site !== 'bundled' || rel.startsWith('final/')) {
          const shown = page.locator('figure.fig');
          for (let i = 0; i < found.ids.length; ++i) {
            const name = `${site}-${rel.replace(/[/.]/g, '-')}-${i + 1}-${width}.png`;
            await shown.nth(i).screenshot({ path: path.join(shots, name) });
          }
        }
      }
      await page.close();
    }
    assert.ok(figures > 0, 'the site has figures');
    assert.deepEqual(problems, []);
  });
}
