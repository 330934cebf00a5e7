// Search without a server. `visie build` writes each version's index into
// search/: a manifest (index.js), word chunks by stem range (w<N>.js) and
// one fragment per section (f<N>.js). Each file is a script that calls
// visieSearch.load(name, data), so that the index also loads from file://,
// and a query downloads only the manifest, the chunks of its words and
// the fragments of the results it shows.
//
// Words are folded (case, accents) and stemmed exactly as the build does
// (Unicode case folding with marks removed; Snowball's Dutch stemmer): the
// browser tests check both sides agree on every word of the content.
(function () {
  'use strict';

  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var PAGE = 10;        // results shown at a time; "more" shows the next ones
  var FUZZY_MIN = 5;    // a word this long also finds words one edit away

  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
      .replace(/\u00df/g, 'ss').normalize('NFC');
  }

  /// The words of `text`, folded, each with its place in the text.
  function tokens(text) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var folded = fold(m[0]);
      if (folded) out.push({ word: folded, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // Snowball's Dutch stemmer (the algorithm of libstemmer 2.x, which the
  // build uses), on a folded word.
  function isVowel(c) { return 'aeiouy\u00e8'.indexOf(c) >= 0; }

  function stemDutch(word) {
    var w = Array.from(word);
    var n = w.length;
    if (w[0] === 'y') w[0] = 'Y';
    for (var k = 1; k < n; k++) {
      if (!isVowel(w[k - 1])) continue;
      if (w[k] === 'i' && k + 1 < n && isVowel(w[k + 1])) w[k] = 'I';
      else if (w[k] === 'y') w[k] = 'Y';
    }
    // R1 and R2: after the first non-vowel that follows a vowel; R1 leaves
    // at least three letters before it.
    var p1 = n;
    var p2 = n;
    function after(from) {
      var i = from;
      while (i < n && !isVowel(w[i])) i++;
      if (i >= n) return -1;
      while (i < n && isVowel(w[i])) i++;
      return i < n ? i + 1 : -1;
    }
    if (n >= 3) {
      var r1 = after(0);
      if (r1 >= 0) {
        p1 = Math.max(r1, 3);
        var r2 = after(r1);
        if (r2 >= 0) p2 = r2;
      }
    }
    function ends(s) { return w.length >= s.length && w.slice(w.length - s.length).join('') === s; }
    function cut(count) { w.length -= count; }
    function nonVowelAt(i) { return i >= 0 && !isVowel(w[i]); }
    function undouble() { if (ends('kk') || ends('dd') || ends('tt')) cut(1); }
    function enEnding(start) {
      if (start >= p1 && nonVowelAt(start - 1) &&
          (start < 3 || w.slice(start - 3, start).join('') !== 'gem')) {
        w.length = start;
        undouble();
      }
    }
    var eFound = false;
    function eEnding() {
      eFound = false;
      var start = w.length - 1;
      if (ends('e') && start >= p1 && nonVowelAt(start - 1)) {
        cut(1);
        eFound = true;
        undouble();
      }
    }
    function longest(list) {
      for (var i = 0; i < list.length; i++) if (ends(list[i])) return list[i];
      return '';
    }

    var s = longest(['heden', 'ene', 'se', 'en', 's']);
    var start = w.length - s.length;
    if (s === 'heden') {
      if (start >= p1) { w.length = start; w.push('h', 'e', 'i', 'd'); }
    } else if (s === 'en' || s === 'ene') {
      enEnding(start);
    } else if (s === 's' || s === 'se') {
      if (start >= p1 && nonVowelAt(start - 1) && w[start - 1] !== 'j') w.length = start;
    }
    eEnding();
    if (ends('heid') && w.length - 4 >= p2 && w[w.length - 5] !== 'c') {
      cut(4);
      if (ends('en')) enEnding(w.length - 2);
    }
    s = longest(['baar', 'lijk', 'end', 'ing', 'bar', 'ig']);
    start = w.length - s.length;
    if ((s === 'end' || s === 'ing') && start >= p2) {
      w.length = start;
      if (ends('ig') && w.length - 2 >= p2 && w[w.length - 3] !== 'e') cut(2);
      else undouble();
    } else if (s === 'ig' && start >= p2 && w[start - 1] !== 'e') {
      w.length = start;
    } else if (s === 'lijk' && start >= p2) {
      w.length = start;
      eEnding();
    } else if (s === 'baar' && start >= p2) {
      w.length = start;
    } else if (s === 'bar' && start >= p2 && eFound) {
      w.length = start;
    }
    // Undouble a vowel: maan → man.
    var m = w.length;
    if (m >= 4 && !isVowel(w[m - 1]) && w[m - 1] !== 'I' && w[m - 2] === w[m - 3] &&
        'aeou'.indexOf(w[m - 2]) >= 0 && !isVowel(w[m - 4])) {
      w.splice(m - 2, 1);
    }
    return w.join('').replace(/I/g, 'i').replace(/Y/g, 'y');
  }

  var stemmers = { dutch: stemDutch, none: function (w) { return w; } };

  // ----------------------------------------------------------- loading

  // By the script's address: the parts of several versions' indexes share
  // their names (index, w0, f0, …).
  var pending = {};
  var loaded = {};

  window.visieSearch = {
    load: function (name, data) {
      var script = document.currentScript;
      var key = script && script.src ? script.src : name;
      loaded[key] = data;
      if (pending[key]) pending[key].resolve(data);
    },
    // For the tests: the rules the index was built with.
    fold: fold,
    tokens: tokens,
    stem: stemDutch,
    // Runs a query against the index under a root (tests/search/recall.mjs).
    query: function (root, query) { return search(root, query); },
  };

  function fetchPart(root, name) {
    var url = new URL(root + 'search/' + name + '.js', document.baseURI).href;
    if (loaded[url]) return Promise.resolve(loaded[url]);
    if (pending[url]) return pending[url].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onerror = function () {
        delete pending[url];
        reject(new Error('cannot load ' + url));
      };
      document.head.appendChild(script);
    });
    pending[url] = entry;
    return entry.promise;
  }

  /// The chunk that holds `key`: the last one whose first stem is not after it.
  function chunkOf(chunks, key) {
    var lo = 0;
    var hi = chunks.length - 1;
    var found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (chunks[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /// Whether `a` and `b` are at most one edit apart (insert, delete,
  /// replace or swap two neighbouring letters).
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length;
    var lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var SIXES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /// Calls `found(section, weight)` for every section of a stem's postings:
  /// either [d0,w0,d1,w1,…] (each section as its difference from the one
  /// before) or, for a stem in very many sections, {bits, rest, top}: a
  /// bitmap of all its sections, six to a character (section 6k + j is bit
  /// j of character k), the exact weights of its best sections in `top`
  /// (a list as above) and `rest`, the weight of the others.
  function eachPosting(postings, found) {
    var list = postings;
    if (!Array.isArray(postings)) {
      var exact = {};
      list = postings.top;
      for (var t = 0, at = 0; t < list.length; t += 2) {
        at += list[t];
        exact[at] = list[t + 1];
      }
      var bits = postings.bits;
      for (var k = 0; k < bits.length; k++) {
        var v = SIXES.indexOf(bits.charAt(k));
        for (var j = 0; v; j++, v >>= 1) {
          if (v & 1) found(6 * k + j, exact[6 * k + j] || postings.rest);
        }
      }
      return;
    }
    var section = 0;
    for (var i = 0; i < list.length; i += 2) {
      section += list[i];
      found(section, list[i + 1]);
    }
  }

  /// Sections → score of the stems of `chunk` that match: `stem` itself,
  /// or every stem starting with `prefix` when one is given, or (with
  /// `fuzzy`, a list of folded forms) every stem one edit from one of them.
  function postings(chunk, stem, prefix, matched, fuzzy) {
    var scores = {};
    function add(key, weight) {
      matched[key] = true;
      eachPosting(chunk[key], function (section, score) {
        scores[section] = Math.max(scores[section] || 0, score * weight);
      });
    }
    if (fuzzy) {
      // A typo: the words one edit away count half.
      Object.keys(chunk).forEach(function (key) {
        if (fuzzy.some(function (f) { return oneEdit(f, key); })) add(key, 0.5);
      });
      return scores;
    }
    if (Object.prototype.hasOwnProperty.call(chunk, stem)) add(stem, 1);
    if (prefix) {
      // A longer word that starts with what was typed counts half.
      Object.keys(chunk).forEach(function (key) {
        if (key !== stem && key.lastIndexOf(prefix, 0) === 0) add(key, 0.5);
      });
    }
    return scores;
  }

  /// The chunks that may hold stems starting with `first` (one letter).
  function chunksFrom(chunks, first) {
    var out = [];
    for (var c = chunkOf(chunks, first); c < chunks.length; c++) {
      if (c > 0 && chunks[c] > first + '\uffff') break;
      out.push(c);
    }
    return out;
  }

  /// Runs `query` against the index under `root`. Resolves to every result
  /// (best first, as section numbers), the stems that matched (for
  /// highlighting) and a function that loads the fragments of a page of
  /// results.
  function search(root, query) {
    return fetchPart(root, 'index').then(function (manifest) {
      var stem = stemmers[manifest.stemmer] || stemmers.none;
      var words = tokens(query).map(function (t) { return t.word; });
      // The last word may still be being typed: it also matches as a prefix.
      var typing = /[\p{L}\p{N}\p{M}]$/u.test(query);
      var terms = words.map(function (word, i) {
        var prefix = typing && i === words.length - 1 && word.length >= 3 ? word : '';
        return { stem: stem(word), prefix: prefix, word: word };
      });
      var needed = {};
      terms.forEach(function (t) {
        needed[chunkOf(manifest.chunks, t.stem)] = true;
        if (t.prefix) {
          var c = chunkOf(manifest.chunks, t.prefix);
          needed[c] = true;
          // Stems with this prefix may run on into the next chunk.
          if (c + 1 < manifest.chunks.length && manifest.chunks[c + 1].lastIndexOf(t.prefix, 0) === 0) {
            needed[c + 1] = true;
          }
        }
      });
      var names = Object.keys(needed).map(function (c) { return 'w' + c; });
      return Promise.all(names.map(function (name) { return fetchPart(root, name); }))
        .then(function (chunks) {
          var matched = {};
          var total = null;
          var typos = [];
          var perTerm = terms.map(function (t) {
            var scores = {};
            chunks.forEach(function (chunk) {
              var part = postings(chunk, t.stem, t.prefix, matched);
              Object.keys(part).forEach(function (s) { scores[s] = Math.max(scores[s] || 0, part[s]); });
            });
            // A word of FUZZY_MIN letters or more that is nowhere in the
            // text may hold a typo: look one edit away, in the chunks of
            // stems with its first letter (a typo in the first letter is
            // not looked for: that would load the whole index).
            if (!Object.keys(scores).length && Array.from(t.word).length >= FUZZY_MIN) typos.push(t);
            return scores;
          });
          return Promise.all(typos.map(function (t) {
            var first = Array.from(t.stem)[0];
            return Promise.all(chunksFrom(manifest.chunks, first).map(function (c) {
              return fetchPart(root, 'w' + c);
            })).then(function (near) {
              var scores = perTerm[terms.indexOf(t)];
              near.forEach(function (chunk) {
                var part = postings(chunk, t.stem, '', matched, [t.stem, t.word]);
                Object.keys(part).forEach(function (s) { scores[s] = Math.max(scores[s] || 0, part[s]); });
              });
            });
          })).then(function () {
            var found = rank(perTerm, matched);
            found.stem = stem;
            found.fragments = function (from) {
              return Promise.all(found.ranked.slice(from, from + PAGE).map(function (s) {
                return fetchPart(root, 'f' + s);
              }));
            };
            return found;
          });
        });
    });
  }

  /// Combines the scores per word (every word must occur in a result) into
  /// the ranked list of sections.
  function rank(perTerm, matched) {
    var total = null;
    perTerm.forEach(function (scores) {
      if (total === null) { total = scores; return; }
      var both = {};
      Object.keys(total).forEach(function (s) { if (scores[s]) both[s] = total[s] + scores[s]; });
      total = both;
    });
    var ranked = Object.keys(total || {}).map(Number).sort(function (a, b) {
      return total[b] - total[a] || a - b;
    });
    return { ranked: ranked, matched: matched };
  }

  // ----------------------------------------------------------- showing

  /// Appends to `into` a snippet of `text` around its first hit, with every
  /// hit in a <mark>.
  function snippet(into, text, isHit) {
    var words = tokens(text);
    var first = -1;
    for (var i = 0; i < words.length; i++) if (isHit(words[i].word)) { first = i; break; }
    var from = Math.max(0, first - 12);
    var to = Math.min(words.length, Math.max(first, 0) + 24);
    if (!words.length) return;
    var start = words[from].start;
    var end = words[to - 1].end;
    if (from > 0) into.appendChild(document.createTextNode('… '));
    var at = start;
    for (var j = from; j < to; j++) {
      if (!isHit(words[j].word)) continue;
      into.appendChild(document.createTextNode(text.slice(at, words[j].start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(words[j].start, words[j].end);
      into.appendChild(mark);
      at = words[j].end;
    }
    into.appendChild(document.createTextNode(text.slice(at, end)));
    if (to < words.length) into.appendChild(document.createTextNode(' …'));
  }

  /// `href` with the stems that matched in a `highlight` parameter, so
  /// that the page the reader opens marks them (highlightPage).
  function withHighlight(href, found) {
    var stems = Object.keys(found.matched).sort();
    if (!stems.length) return href;
    var hash = href.indexOf('#');
    var page = hash < 0 ? href : href.slice(0, hash);
    var param = 'highlight=' + encodeURIComponent(stems.join(' '));
    return page + (page.indexOf('?') < 0 ? '?' : '&') + param + (hash < 0 ? '' : href.slice(hash));
  }

  /// Marks, in the text of the page, every word whose stem is in the
  /// page's `highlight` parameter: the words a search result was found by.
  function highlightPage(root) {
    var wanted = null;
    try { wanted = new URLSearchParams(window.location.search).get('highlight'); } catch (e) { return; }
    var main = document.getElementById('main');
    if (!wanted || !main) return;
    var stems = {};
    wanted.split(' ').forEach(function (s) { if (s) stems[s] = true; });
    fetchPart(root, 'index').then(function (manifest) {
      var stem = stemmers[manifest.stemmer] || stemmers.none;
      var skip = 'SCRIPT,STYLE,svg,NAV,MARK,BUTTON,TEXTAREA,INPUT,SELECT';
      var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          for (var e = node.parentNode; e && e !== main; e = e.parentNode) {
            if (skip.indexOf(e.nodeName) >= 0 || (e.classList && e.classList.contains('ref'))) {
              return NodeFilter.FILTER_REJECT;
            }
          }
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        var hits = tokens(text).filter(function (t) { return stems[stem(t.word)] === true; });
        if (!hits.length) return;
        var out = document.createDocumentFragment();
        var at = 0;
        hits.forEach(function (t) {
          out.appendChild(document.createTextNode(text.slice(at, t.start)));
          var mark = document.createElement('mark');
          mark.className = 'search-hit';
          mark.textContent = text.slice(t.start, t.end);
          out.appendChild(mark);
          at = t.end;
        });
        out.appendChild(document.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(out, node);
      });
    }).then(null, function () { /* no index: the page stays as it is */ });
  }

  function format(template, query, count) {
    return template.replace('{0}', query).replace('{1}', String(count));
  }

  var box = document.querySelector('.site-search');
  if (!box) return;
  var root = box.getAttribute('data-search-root') || '';
  var input = box.querySelector('input');
  var list = box.querySelector('.search-results');
  var status = box.querySelector('.search-status');
  var asked = 0;
  var timer = null;
  box.hidden = false;
  highlightPage(root);

  function clear() {
    counts.hidden = true;
    counts.textContent = '';
    list.hidden = true;
    list.textContent = '';
    status.textContent = '';
  }

  /// Appends the results `from` to `from + PAGE` of `found`, and a button
  /// for the next ones while there are more.
  function more(found, from, ticket) {
    return found.fragments(from).then(function (fragments) {
      if (ticket !== asked) return null;
      if (from === 0) list.textContent = '';
      var old = list.querySelector('.search-more');
      if (old) old.parentNode.removeChild(old);
      var stems = found.matched;
      var isHit = function (word) { return stems[found.stem(word)] === true; };
      var first = null;
      fragments.forEach(function (r) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = root + withHighlight(r.href, found);
        var where = document.createElement('span');
        where.className = 'result-where';
        where.textContent = r.heading ? r.chapter + ' › ' + r.heading : r.chapter;
        a.appendChild(where);
        var p = document.createElement('span');
        p.className = 'result-snippet';
        snippet(p, r.text, isHit);
        a.appendChild(p);
        li.appendChild(a);
        list.appendChild(li);
        if (!first) first = a;
      });
      var next = from + fragments.length;
      if (from === 0) perVersion(found.query);
      if (next < found.ranked.length) {
        var li = document.createElement('li');
        li.className = 'search-more';
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = box.getAttribute('data-more')
          .replace('{0}', String(next)).replace('{1}', String(found.ranked.length));
        button.addEventListener('click', function () {
          var focus = document.activeElement === button;
          more(found, next, ticket).then(function (shown) { if (focus && shown) shown.focus(); });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
      list.hidden = list.children.length === 0;
      return first;
    });
  }

  /// With the site's versions known (versions.js), a button under the
  /// status counts `query` in every version; each count links to that
  /// version. Only on request: it loads a part of every version's index.
  var counts = box.querySelector('.search-versions');
  function perVersion(query) {
    var data = window.visieVersions;
    counts.textContent = '';
    counts.hidden = true;
    if (!data || data.versions.length < 2) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = box.getAttribute('data-per-version');
    var ticket = asked;
    button.addEventListener('click', function () {
      var siteRoot = box.getAttribute('data-site-root') || '';
      Promise.all(data.versions.map(function (v) {
        return search(siteRoot + v.id + '/', query).then(function (f) { return f.ranked.length; },
                                                          function () { return null; });
      })).then(function (numbers) {
        if (ticket !== asked) return;
        counts.textContent = '';
        var label = document.createElement('span');
        label.textContent = box.getAttribute('data-per-version') + ': ';
        counts.appendChild(label);
        data.versions.forEach(function (v, i) {
          if (numbers[i] === null) return;
          if (counts.children.length > 1) counts.appendChild(document.createTextNode(' · '));
          var a = document.createElement('a');
          a.href = siteRoot + v.id + '/index.html';
          a.textContent = v.label + ' (' + numbers[i] + ')';
          if (siteRoot + v.id + '/' === root || (root === '' && v.id === box.getAttribute('data-version'))) {
            a.setAttribute('aria-current', 'true');
          }
          counts.appendChild(a);
        });
        var first = counts.querySelector('a');
        if (first) first.focus();
      });
    });
    counts.appendChild(button);
    counts.hidden = false;
  }

  function show(query, found, ticket) {
    found.query = query;
    return more(found, 0, ticket).then(function (first) {
      if (ticket !== asked) return;
      var count = found.ranked.length;
      var key = count === 0 ? 'data-none' : count === 1 ? 'data-one' : 'data-many';
      status.textContent = format(box.getAttribute(key), query, count);
      return first;
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++asked;
    if (!tokens(query).length) { clear(); return; }
    search(root, input.value).then(function (found) {
      if (ticket === asked) return show(query, found, ticket);
    }).then(null, function () {
      if (ticket === asked) { clear(); status.textContent = box.getAttribute('data-failed'); }
    });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a, button')); }

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === 'Enter' && links().length) {
      e.preventDefault();
      links()[0].click();
    } else if (e.key === 'Escape') {
      input.value = '';
      clear();
    }
  });

  list.addEventListener('keydown', function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i + 1 < all.length) {
      e.preventDefault();
      all[i + 1].focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (i > 0 ? all[i - 1] : input).focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.focus();
      clear();
    }
  });
})();
