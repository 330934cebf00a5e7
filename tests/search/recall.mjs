// Search recall: the index loses no match. Builds the search benchmark's
// corpus (bench/make-corpus.py) at N pages, runs the site's own search.js
// (its matching logic, in node's vm with a stand-in for the few DOM calls
// it makes to load index files) for one- and two-word queries, and
// compares the sections each finds with a brute-force scan of every
// section's text, folded and stemmed by the same script's rules.
//
// Usage: node tests/search/recall.mjs VISIE_BIN SOURCE_DIR [N]
// (VISIE_RECALL_SITE=DIR checks an already built version folder instead.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const [bin, source, n = '1000'] = process.argv.slice(2);
let work = null;
let dir = process.env.VISIE_RECALL_SITE;
if (!dir) {
  if (!bin || !source) {
    console.error('usage: node tests/search/recall.mjs VISIE_BIN SOURCE_DIR [N]');
    process.exit(2);
  }
  work = mkdtempSync(path.join(tmpdir(), 'visie-recall-'));
  execFileSync('python3', [path.join(source, 'bench/make-corpus.py'), n, path.join(work, 'content')]);
  execFileSync(bin, ['build', '-q', '--no-cache', '--content', path.join(work, 'content'),
                     '--out', path.join(work, 'site')]);
  dir = path.join(work, 'site', 'bench');
}
const root = pathToFileURL(dir).href + '/';

/// The data of an index file (`visieSearch.load("name",DATA);`).
function data(name) {
  const text = readFileSync(path.join(dir, 'search', name + '.js'), 'utf8');
  return JSON.parse(text.slice(text.indexOf(',') + 1, text.length - 3));
}

// search.js in a context of its own; appending a <script> runs the file
// it names, as a browser does from file://. Each query gets a fresh
// context, as a fresh page would, and the bytes of every file it loads are
// counted.
const searchJs = readFileSync(path.join(dir, 'assets', 'search.js'), 'utf8');
let loadedBytes = 0;
let loadedChunks = new Set();  // the word chunks the query loaded, by name
function fresh() {
  const document = {
    currentScript: null,
    baseURI: root,
    querySelector: () => null,
    getElementById: () => null,
    createElement: () => ({}),
    head: {
      appendChild(script) {
        setImmediate(() => {
          let code;
          try {
            code = readFileSync(fileURLToPath(script.src), 'utf8');
          } catch {
            script.onerror?.();
            return;
          }
          loadedBytes += Buffer.byteLength(code);
          const name = path.basename(fileURLToPath(script.src), '.js');
          if (/^w\d+$/.test(name)) loadedChunks.add(name);
          document.currentScript = script;
          vm.runInContext(code, context, { filename: script.src });
          document.currentScript = null;
        });
      },
    },
  };
  const context = vm.createContext({ document, URL, atob, setTimeout, clearTimeout });
  context.window = context;
  vm.runInContext(searchJs, context);
  return context.visieSearch;
}
const visie = fresh();
if (typeof visie.query !== 'function') {
  console.error('search.js does not expose visieSearch.query');
  process.exit(1);
}

// The brute force: every section's stems, from its text and heading, and
// the chapter's title for the section that opens the chapter (the build
// weighs those words in, and only there).
const manifest = data('index');
const stemOf = (word) => (manifest.stemmer === 'dutch' ? visie.stem(word) : word);
const sectionStems = [];
const allStems = new Set();
for (let f = 0; f < manifest.sections; f++) {
  const fragment = data('f' + f);
  const stems = new Set();
  const texts = [fragment.text, fragment.heading];
  if (!fragment.heading) texts.push(fragment.chapter);
  for (const text of texts) {
    for (const t of visie.tokens(text)) {
      const s = stemOf(t.word);
      stems.add(s);
      allStems.add(s);
    }
  }
  sectionStems.push(stems);
}

/// The sections that hold, for every word of `query`, a stem that `ok(stem, word)` accepts.
function scan(query, ok) {
  const words = visie.tokens(query).map((t) => t.word);
  const accepted = words.map((w, i) => new Set([...allStems].filter((s) => ok(s, w, i, words.length))));
  const found = [];
  sectionStems.forEach((stems, f) => {
    if (accepted.every((set) => [...set].some((s) => stems.has(s)))) found.push(f);
  });
  return found;
}

function oneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// Rare words: stems in two to five sections, the first few by name.
const df = new Map();
for (const stems of sectionStems) for (const s of stems) df.set(s, (df.get(s) || 0) + 1);
const rare = [...df].filter(([s, c]) => c >= 2 && c <= 5 && /^[a-z]{6,}$/.test(s))
  .map(([s]) => s).sort().slice(0, 3);
// The commonest stems, and common pairs.
const common = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([s]) => s);

const exact = (s, w) => s === stemOf(w);
const queries = [
  // Finished words (a space after the last): every word by its stem.
  ...[...new Set(['de', 'zorg', 'clienten', 'regie', 'zorgverleners', 'zelfmanagement', 'ondersteuning',
                   'persoonsgerichte zorg', 'kwetsbare groepen', 'de zorg', 'clienten regie',
                   ...rare, ...common, `${common[0]} ${common[1]}`, `${rare[0]} de`])]
    .map((q) => ({ q: q + ' ', ok: exact })),
  // The last word still being typed: also every stem it starts, among the
  // stems of the chunks the query loads (the prefix's chunk and the next:
  // a short prefix of a common word may start stems in more chunks, which
  // the finished word does not need).
  ...['zorgverl', 'persoonsgerichte zor', 'de onder'].map((q) => ({
    q,
    ok: (s, w, i, count) => exact(s, w) ||
      (i === count - 1 && w.length >= 3 && s.startsWith(w) && loadedStems().has(s)),
    prefix: true,
  })),
];

/// The stems of the word chunks the last query loaded.
function loadedStems() {
  if (!loadedStems.cache) {
    loadedStems.cache = new Set([...loadedChunks].flatMap((name) => Object.keys(data(name))));
  }
  return loadedStems.cache;
}

let failed = 0;
let widest = { bytes: 0 };
for (const { q, ok, prefix } of queries) {
  loadedBytes = 0;
  loadedChunks = new Set();
  loadedStems.cache = null;
  const found = await fresh().query(root, q);
  await found.fragments(0);  // the first page of results, as the list shows it
  const got = [...found.ranked].sort((a, b) => a - b);
  const want = scan(q, ok);
  const same = got.length === want.length && got.every((s, i) => s === want[i]);
  if (loadedBytes > widest.bytes) widest = { q, bytes: loadedBytes };
  console.log(`${same ? 'ok  ' : 'FAIL'} "${q.trim()}": index ${got.length}, scan ${want.length}, ` +
              `${loadedBytes} bytes`);
  if (!same) {
    failed++;
    const has = new Set(got);
    const missing = want.filter((s) => !has.has(s));
    const wanted = new Set(want);
    console.log(`     missing ${missing.length} (e.g. ${missing.slice(0, 5)}), ` +
                `extra ${got.filter((s) => !wanted.has(s)).slice(0, 5)}`);
  }
  if (loadedBytes >= 100_000) {
    failed++;
    console.log(`FAIL "${q.trim()}" loads ${loadedBytes} bytes (100 kB at most)`);
  }
  // A prefix loses nothing the finished words find.
  if (prefix) {
    const has = new Set(got);
    const lost = scan(q + ' ', exact).filter((f) => !has.has(f));
    if (lost.length) {
      failed++;
      console.log(`FAIL "${q}" misses ${lost.length} sections that "${q} " finds`);
    }
  }
}

// A typo (a word found nowhere) finds the words one edit away with the
// same first letter, as before, and still loses none of their sections.
{
  const typo = 'zorgverlenre ';
  const word = visie.tokens(typo)[0].word;
  const near = (s) => oneEdit(s, stemOf(word)) || oneEdit(s, word);
  if (allStems.has(stemOf(word))) throw new Error(`"${typo}" is no typo in this corpus`);
  loadedChunks = new Set();
  loadedStems.cache = null;
  const found = await fresh().query(root, typo);
  const got = new Set(found.ranked);
  // Every stem one edit away in the chunks of its first letter, which
  // the query loads (and the chunk boundaries may add a few others).
  const want = scan(typo, (s) => near(s) && loadedStems().has(s));
  const firstLetter = scan(typo, (s) => near(s) && s[0] === word[0]);
  const missing = [...firstLetter, ...want].filter((s) => !got.has(s));
  const good = firstLetter.length > 0 && missing.length === 0 && got.size === want.length;
  if (!good) failed++;
  console.log(`${good ? 'ok  ' : 'FAIL'} typo "${typo.trim()}": index ${got.size}, scan ${want.length}` +
              (good ? '' : `, missing ${missing.length}`));
}

console.log(`${manifest.sections} sections; the most a query loaded: ${widest.bytes} bytes ("${widest.q?.trim()}")`);
if (work) rmSync(work, { recursive: true, force: true });
if (failed) {
  console.error(`${failed} of ${queries.length + 1} checks failed`);
  process.exit(1);
}
