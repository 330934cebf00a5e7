// Panel review: a "Reageer" button on every citable block of a chapter,
// a comment form, and the comments made so far (docs/review.md).
//
// It only wakes up in review mode:
// - served by `visie serve --review`, which adds
//   <meta name="visie-review" content="/api">: comments go to the server,
//   with the token of the invitation link (?token=…);
// - on the static site opened with ?review in the address: comments stay
//   in this browser and are downloaded as a file to e-mail to the team.
// Every text a reader or the server supplies is shown with textContent,
// never parsed as HTML.
(function () {
  'use strict';

  var STRINGS = {
    nl: {
      respond: 'Reageer',
      respondOn: 'Reageer op',
      comment: 'Uw commentaar',
      suggestion: 'Voorgestelde tekst (niet verplicht)',
      role: 'U reageert als',
      name: 'Uw naam (niet verplicht, wordt nooit gepubliceerd)',
      send: 'Versturen',
      keep: 'Bewaren',
      cancel: 'Annuleren',
      sent: 'Uw commentaar is verstuurd.',
      kept: 'Uw commentaar is bewaard in deze browser. Vergeet niet de reacties te exporteren.',
      failed: 'Versturen is niet gelukt:',
      empty: 'Schrijf eerst uw commentaar.',
      noToken: 'Om te reageren hebt u de uitnodigingslink van het werkpakket nodig.',
      serverMode: 'Reviewmodus',
      staticMode: 'Reviewmodus (zonder server): uw reacties blijven in deze browser.',
      team: 'U leest mee als team: u ziet alle reacties en legt de verwerking vast.',
      reviewerAs: 'U reageert als',
      export: 'Reacties exporteren',
      exportNone: 'Nog geen reacties om te exporteren.',
      stop: 'Reviewmodus verlaten',
      yours: 'Uw reactie',
      published: 'Gepubliceerde reactie',
      suggested: 'Voorgestelde tekst:',
      disposition: 'Verwerking',
      response: 'Reactie van het werkpakket',
      publish: 'Publiceren voor alle panelleden',
      save: 'Opslaan',
      saved: 'Opgeslagen.',
      comments: 'reacties',
      roles: {
        expert: 'Expert', client: 'Cliënt', 'care-provider': 'Zorgverlener',
        researcher: 'Onderzoeker', policy: 'Beleidsmaker'
      },
      dispositions: {
        open: 'Nog niet verwerkt', accepted: 'Overgenomen', partly: 'Deels overgenomen',
        'not-accepted': 'Niet overgenomen'
      }
    },
    en: {
      respond: 'Comment',
      respondOn: 'Comment on',
      comment: 'Your comment',
      suggestion: 'Suggested text (optional)',
      role: 'You comment as',
      name: 'Your name (optional, never published)',
      send: 'Send',
      keep: 'Keep',
      cancel: 'Cancel',
      sent: 'Your comment was sent.',
      kept: 'Your comment is kept in this browser. Remember to export your comments.',
      failed: 'Sending failed:',
      empty: 'Write your comment first.',
      noToken: 'To comment you need the invitation link from the work package.',
      serverMode: 'Review mode',
      staticMode: 'Review mode (no server): your comments stay in this browser.',
      team: 'You read as the team: you see every comment and record its disposition.',
      reviewerAs: 'You comment as',
      export: 'Export comments',
      exportNone: 'No comments to export yet.',
      stop: 'Leave review mode',
      yours: 'Your comment',
      published: 'Published comment',
      suggested: 'Suggested text:',
      disposition: 'Disposition',
      response: 'Response of the work package',
      publish: 'Publish to all panel members',
      save: 'Save',
      saved: 'Saved.',
      comments: 'comments',
      roles: {
        expert: 'Expert', client: 'Client', 'care-provider': 'Care provider',
        researcher: 'Researcher', policy: 'Policy maker'
      },
      dispositions: {
        open: 'Not yet handled', accepted: 'Accepted', partly: 'Partly accepted',
        'not-accepted': 'Not accepted'
      }
    }
  };
  var ROLES = ['expert', 'client', 'care-provider', 'researcher', 'policy'];
  var DISPOSITIONS = ['open', 'accepted', 'partly', 'not-accepted'];
  var MAX_QUOTE = 500;

  var lang = (document.documentElement.lang || 'nl').slice(0, 2);
  var t = STRINGS[lang] || STRINGS.nl;
  var meta = document.querySelector('meta[name="visie-review"]');
  var switcher = document.querySelector('[data-visie-version]');
  if (!switcher) return;
  var version = switcher.getAttribute('data-visie-version');
  var main = document.getElementById('main');
  if (!main) return;
  // Only a chapter's blocks take comments; other pages show the bar.
  var chapter = main.getAttribute('data-visie-chapter') || '';
  var storeKey = 'visie-review:' + version;
  var params = new URLSearchParams(window.location.search);

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function read(key, fallback) {
    var s = storage();
    if (!s) return fallback;
    try { var v = JSON.parse(s.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
  }
  function write(key, value) {
    var s = storage();
    if (s) s.setItem(key, JSON.stringify(value));
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function stripParam(name) {
    params.delete(name);
    var q = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : '') + window.location.hash);
  }

  // Which mode, if any.
  var mode = null;
  if (meta) {
    mode = 'server';
  } else if (params.has('review') || read(storeKey + ':on', false)) {
    mode = 'static';
    write(storeKey + ':on', true);
  }
  if (!mode) return;

  var api = meta ? meta.getAttribute('content').replace(/\/$/, '') : '';
  var tokenKey = 'visie-review-token:' + version;
  if (params.has('token')) {
    write(tokenKey, params.get('token'));
    stripParam('token');
  }
  var token = read(tokenKey, '');
  var session = null;  // server: the answer of /api/session

  // The status bar at the top of the page, with a live region for messages.
  var bar = el('section', { 'class': 'review-bar', 'aria-label': t.serverMode });
  var barText = el('p', { 'class': 'review-bar-text' });
  var live = el('p', { 'class': 'review-status', role: 'status', 'aria-live': 'polite' });
  bar.appendChild(barText);
  var actions = el('p', { 'class': 'review-bar-actions' });
  bar.appendChild(actions);
  bar.appendChild(live);
  var crumbs = main.querySelector('.breadcrumbs');
  main.insertBefore(bar, crumbs ? crumbs.nextSibling : main.firstChild);
  function say(message) { live.textContent = message; }

  function request(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(api + path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = JSON.parse(text); } catch (e) { data = null; }
        if (!response.ok) {
          var error = new Error(data && data.error ? data.error : String(response.status));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  // The blocks one can comment on: those with a citable reference.
  function blocks() {
    var list = [];
    main.querySelectorAll('a.ref').forEach(function (ref) {
      var block = ref.parentElement;
      if (!block || !block.id || /^H[1-6]$/.test(block.tagName)) return;
      if (block.closest('.review-bar, .review-thread')) return;
      list.push({ node: block, id: block.id, ref: ref.textContent });
    });
    return list;
  }
  function quoteOf(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll('.ref, .footnote-ref, .review-button, .review-thread').forEach(function (n) {
      n.remove();
    });
    var text = copy.textContent.replace(/\s+/g, ' ').trim();
    return Array.from(text).slice(0, MAX_QUOTE).join('');
  }
  function now() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // The thread under a block: its comments and, when open, the form.
  function threadOf(block) {
    var next = block.node.nextElementSibling;
    if (next && next.classList.contains('review-thread') && next.getAttribute('data-block') === block.id) {
      return next;
    }
    var thread = el('div', { 'class': 'review-thread', 'data-block': block.id });
    thread.appendChild(el('ul', { 'class': 'review-comments' }));
    block.node.parentNode.insertBefore(thread, block.node.nextSibling);
    return thread;
  }

  function showComment(block, comment) {
    var list = threadOf(block).querySelector('.review-comments');
    var item = el('li', { 'class': 'review-comment', 'data-comment': comment.id || '' });
    var head = el('p', { 'class': 'review-comment-head' });
    head.appendChild(el('strong', {}, comment.mine === false ? t.published : t.yours));
    head.appendChild(document.createTextNode(' · ' + (t.roles[comment.role] || comment.role)));
    if (comment.name) head.appendChild(document.createTextNode(' · ' + comment.name));
    if (comment.disposition && comment.disposition !== 'open') {
      head.appendChild(document.createTextNode(' · '));
      head.appendChild(el('span', { 'class': 'disposition-badge disposition-' + comment.disposition },
        t.dispositions[comment.disposition] || comment.disposition));
    }
    item.appendChild(head);
    item.appendChild(el('p', { 'class': 'review-comment-text' }, comment.comment));
    if (comment.suggestion) {
      var s = el('p', { 'class': 'review-comment-suggestion' });
      s.appendChild(el('strong', {}, t.suggested + ' '));
      s.appendChild(document.createTextNode(comment.suggestion));
      item.appendChild(s);
    }
    if (comment.response) item.appendChild(el('p', { 'class': 'review-comment-response' }, comment.response));
    if (session && session.access === 'team' && comment.id) item.appendChild(dispositionForm(comment));
    list.appendChild(item);
  }

  // The team records what it did with a comment.
  function dispositionForm(comment) {
    var form = el('form', { 'class': 'review-disposition' });
    var id = 'disp-' + comment.id;
    form.appendChild(el('label', { 'for': id }, t.disposition));
    var select = el('select', { id: id, name: 'disposition' });
    DISPOSITIONS.forEach(function (d) {
      var option = el('option', { value: d }, t.dispositions[d]);
      if (d === (comment.disposition || 'open')) option.selected = true;
      select.appendChild(option);
    });
    form.appendChild(select);
    form.appendChild(el('label', { 'for': id + '-response' }, t.response));
    var response = el('textarea', { id: id + '-response', name: 'response', rows: '2' });
    response.value = comment.response || '';
    form.appendChild(response);
    var publish = el('input', { type: 'checkbox', id: id + '-published', name: 'published' });
    publish.checked = !!comment.published;
    var publishLabel = el('label', { 'for': id + '-published', 'class': 'review-check' });
    publishLabel.appendChild(publish);
    publishLabel.appendChild(document.createTextNode(' ' + t.publish));
    form.appendChild(publishLabel);
    form.appendChild(el('button', { type: 'submit' }, t.save));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      request('PATCH', '/comments/' + encodeURIComponent(comment.id), {
        disposition: select.value, response: response.value, published: publish.checked
      }).then(function () { say(t.saved); }, function (error) { say(t.failed + ' ' + error.message); });
    });
    return form;
  }

  function openForm(block, button) {
    var thread = threadOf(block);
    var existing = thread.querySelector('form.review-form');
    if (existing) { existing.querySelector('textarea').focus(); return; }
    var form = el('form', { 'class': 'review-form' });
    var base = 'review-' + block.id;
    form.appendChild(el('p', { 'class': 'review-form-title' }, t.respondOn + ' ' + block.ref));
    form.appendChild(el('label', { 'for': base + '-comment' }, t.comment));
    var comment = el('textarea', { id: base + '-comment', name: 'comment', rows: '4', required: '', maxlength: '5000' });
    form.appendChild(comment);
    form.appendChild(el('label', { 'for': base + '-suggestion' }, t.suggestion));
    var suggestion = el('textarea', { id: base + '-suggestion', name: 'suggestion', rows: '3', maxlength: '5000' });
    form.appendChild(suggestion);
    form.appendChild(el('label', { 'for': base + '-role' }, t.role));
    var role = el('select', { id: base + '-role', name: 'role' });
    var preferred = (session && session.role) || read(storeKey + ':role', 'expert');
    ROLES.forEach(function (r) {
      var option = el('option', { value: r }, t.roles[r]);
      if (r === preferred) option.selected = true;
      role.appendChild(option);
    });
    form.appendChild(role);
    var name = null;
    if (mode === 'server') {
      form.appendChild(el('label', { 'for': base + '-name' }, t.name));
      name = el('input', { id: base + '-name', name: 'name', type: 'text', autocomplete: 'name', maxlength: '200' });
      form.appendChild(name);
    }
    var buttons = el('p', { 'class': 'review-form-buttons' });
    buttons.appendChild(el('button', { type: 'submit' }, mode === 'server' ? t.send : t.keep));
    var cancel = el('button', { type: 'button', 'class': 'review-cancel' }, t.cancel);
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    thread.appendChild(form);
    comment.focus();

    function close() { form.remove(); button.focus(); }
    cancel.addEventListener('click', close);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!comment.value.trim()) { say(t.empty); comment.focus(); return; }
      var entry = {
        chapter: chapter, block: block.id, quote: quoteOf(block.node), role: role.value,
        comment: comment.value.trim()
      };
      if (suggestion.value.trim()) entry.suggestion = suggestion.value.trim();
      write(storeKey + ':role', role.value);
      if (mode === 'static') {
        entry.created = now();
        var kept = read(storeKey, []);
        kept.push(entry);
        write(storeKey, kept);
        showComment(block, entry);
        updateExport();
        say(t.kept);
        close();
        return;
      }
      if (name && name.value.trim()) entry.name = name.value.trim();
      request('POST', '/comments', entry).then(function (data) {
        showComment(block, data.comment);
        say(t.sent);
        close();
      }, function (error) { say(t.failed + ' ' + error.message); });
    });
  }

  function addButtons(list) {
    list.forEach(function (block) {
      var button = el('button', {
        type: 'button', 'class': 'review-button', 'aria-label': t.respondOn + ' ' + block.ref
      }, t.respond);
      button.addEventListener('click', function () { openForm(block, button); });
      block.node.appendChild(document.createTextNode(' '));
      block.node.appendChild(button);
    });
  }

  function showAll(list, comments) {
    var byId = {};
    list.forEach(function (b) { byId[b.id] = b; });
    comments.forEach(function (c) {
      if (c.chapter === chapter && byId[c.block]) showComment(byId[c.block], c);
    });
  }

  // Static mode: the download of every comment kept in this browser.
  var exportButton = null;
  function updateExport() {
    if (!exportButton) return;
    var count = read(storeKey, []).length;
    exportButton.textContent = t.export + ' (' + count + ')';
  }
  function exportComments() {
    var kept = read(storeKey, []);
    if (!kept.length) { say(t.exportNone); return; }
    var file = { format: 'visie-review/1', version: version, comments: kept };
    var blob = new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' });
    var link = el('a', { href: URL.createObjectURL(blob), download: 'visie-review-' + version + '.json' });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function stopButton() {
    var stop = el('button', { type: 'button', 'class': 'review-stop' }, t.stop);
    stop.addEventListener('click', function () {
      var s = storage();
      if (s) { s.removeItem(storeKey + ':on'); s.removeItem(tokenKey); }
      stripParam('review');
      window.location.reload();
    });
    return stop;
  }

  // The team sees how many comments each chapter has.
  function showCounts(counts) {
    document.querySelectorAll('#sidebar .toc a').forEach(function (a) {
      var id = (a.getAttribute('href') || '').replace(/\.html$/, '');
      var n = counts[id];
      if (!n) return;
      a.appendChild(el('span', { 'class': 'review-count' }, ' (' + n + ' ' + t.comments + ')'));
    });
  }

  var list = chapter ? blocks() : [];
  if (mode === 'static') {
    barText.textContent = t.staticMode;
    exportButton = el('button', { type: 'button', 'class': 'review-export' });
    exportButton.addEventListener('click', exportComments);
    actions.appendChild(exportButton);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(stopButton());
    updateExport();
    addButtons(list);
    showAll(list, read(storeKey, []));
    return;
  }

  actions.appendChild(stopButton());
  request('GET', '/session').then(function (data) {
    session = data;
    barText.textContent = data.access === 'team'
      ? t.serverMode + ': ' + t.team
      : t.serverMode + ': ' + t.reviewerAs + ' ' + (t.roles[data.role] || data.role) + '.';
    if (data.counts) showCounts(data.counts);
    addButtons(list);
    if (!chapter || !list.length) return null;
    return request('GET', '/comments?chapter=' + encodeURIComponent(chapter)).then(function (found) {
      showAll(list, found.comments || []);
    });
  }).catch(function (error) {
    barText.textContent = t.serverMode + ': ' + (error.status === 401 ? t.noToken : t.failed + ' ' + error.message);
  });
})();
