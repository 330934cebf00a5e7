// The menu button on phones and the print button: they only work with
// JavaScript, so they only appear with it.
(function () {
  'use strict';
  var toggle = document.querySelector('.nav-toggle');
  var sidebar = document.getElementById('sidebar');
  if (toggle && sidebar) {
    document.documentElement.classList.add('has-nav-toggle');
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      sidebar.classList.toggle('open', open);
      if (open) {
        var first = sidebar.querySelector('a');
        if (first) first.focus();
      }
    });
    sidebar.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && sidebar.classList.contains('open')) {
        toggle.click();
        toggle.focus();
      }
    });
  }
  var print = document.querySelector('.print-button-wrap');
  if (print) {
    print.hidden = false;
    print.querySelector('button').addEventListener('click', function () { window.print(); });
  }
})();

// The parts of a page that depend on versions published after it: the
// version switcher and the "newer version" notice. They are filled in from
// ../versions.js, so that a frozen page never has to change. Without
// JavaScript the page links to the list of all versions instead.
(function () {
  'use strict';
  var data = window.visieVersions;
  var box = document.querySelector('[data-visie-version]');
  if (!data || !box) return;
  var current = box.getAttribute('data-visie-version');
  var page = box.getAttribute('data-visie-page');
  var ids = data.versions.map(function (v) { return v.id; });
  var here = ids.indexOf(current);
  var latest = ids.indexOf(data.latest);

  function href(v) {
    var target = v.pages.indexOf(page) >= 0 ? page : 'index.html';
    return '../' + v.id + '/' + target;
  }

  // A form: choosing a version with the keyboard must not leave the page
  // before the reader confirms (WCAG 3.2.2).
  var form = document.createElement('form');
  form.className = 'switch-form';
  var label = document.createElement('label');
  label.textContent = box.getAttribute('data-label');
  label.htmlFor = 'version-select';
  var select = document.createElement('select');
  select.id = 'version-select';
  data.versions.forEach(function (v) {
    var option = document.createElement('option');
    option.value = href(v);
    // The label says what a version is ("Concept 2", "Werkversie"); the
    // period would cut the labels off in the sidebar.
    option.textContent = v.label;
    option.title = v.period;
    option.selected = v.id === current;
    select.appendChild(option);
  });
  var go = document.createElement('button');
  go.type = 'submit';
  go.textContent = box.getAttribute('data-go');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    window.location.href = select.value;
  });
  form.appendChild(label);
  form.appendChild(select);
  form.appendChild(go);
  box.insertBefore(form, box.firstChild);

  // The PDF exists only when the site was built with --pdf.
  var pdf = document.querySelector('.print-links .pdf-link');
  if (pdf && here >= 0 && data.versions[here].pdf) {
    var file = data.versions[here];
    var a = pdf.querySelector('a');
    a.href = file.pdf;
    // "Download PDF (23 pagina's, 1,2 MB)": the pages and size are known
    // when the PDF was rendered (SI units, the page's decimal mark).
    var sized = pdf.getAttribute(file.pdf_pages === 1 ? 'data-sized-one' : 'data-sized');
    if (sized && file.pdf_pages > 0 && file.pdf_bytes > 0) {
      var size = file.pdf_bytes >= 1e6
        ? (file.pdf_bytes / 1e6).toFixed(1).replace('.', pdf.getAttribute('data-decimal') || '.') + ' MB'
        : Math.max(1, Math.round(file.pdf_bytes / 1e3)) + ' kB';
      a.textContent = sized.replace('{pages}', String(file.pdf_pages)).replace('{size}', size);
    }
    pdf.hidden = false;
  }
  // The Word file exists only when the site was built with --docx.
  var docx = document.querySelector('.print-links .docx-link');
  if (docx && here >= 0 && data.versions[here].docx) {
    docx.querySelector('a').href = data.versions[here].docx;
    docx.hidden = false;
  }

  // The same page of the newest frozen version is the canonical one. A
  // script, like the notices: a frozen page never changes when a later
  // version is frozen. With a base URL the link (to the page itself) is in
  // the page and is pointed there too.
  var newest = -1;
  data.versions.forEach(function (v, i) { if (v.frozen) newest = i; });
  if (newest >= 0 && data.versions[newest].pages.indexOf(page) >= 0) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var target = '../' + data.versions[newest].id + '/' + page;
    if (canonical) {
      canonical.href = new URL(target, canonical.href).href;
    } else {
      canonical = document.createElement('link');
      canonical.rel = 'canonical';
      canonical.setAttribute('href', target);
      document.head.appendChild(canonical);
    }
  }

  if (here >= 0 && latest >= 0 && here !== latest) {
    var v = data.versions[latest];
    var notice = document.querySelector(here < latest ? '.version-banner .newer'
                                                      : '.version-banner .unpublished');
    if (notice) {
      var link = notice.querySelector('a');
      link.href = href(v);
      link.textContent = v.label;
      notice.hidden = false;
    }
  }
})();

// Reading aids: the header's measured height for the sticky layout, the
// back-to-top link, the theme switch and the keyboard shortcuts.
(function () {
  'use strict';
  var root = document.documentElement;
  var header = document.querySelector('body > header');
  function measure() {
    if (header) root.style.setProperty('--header-h', header.offsetHeight + 'px');
  }
  measure();
  // The header grows with the search status and the counts per version.
  if (window.ResizeObserver && header) new ResizeObserver(measure).observe(header);
  else window.addEventListener('resize', measure);

  var top = document.querySelector('.back-to-top');
  if (top) {
    var float = function () { top.classList.toggle('floating', window.scrollY > window.innerHeight); };
    window.addEventListener('scroll', float, { passive: true });
    float();
  }

  // Light, dark or the system's setting, remembered (localStorage works
  // from file:// too; the page's <head> applies it before the first paint).
  var box = document.querySelector('.theme-switch');
  if (box) {
    var select = document.createElement('select');
    select.id = 'theme-select';
    select.setAttribute('aria-label', box.getAttribute('data-label'));
    ['auto', 'light', 'dark'].forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = box.getAttribute('data-' + value);
      select.appendChild(option);
    });
    select.value = root.getAttribute('data-theme') || 'auto';
    select.addEventListener('change', function () {
      var value = select.value;
      if (value === 'auto') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', value);
      try {
        if (value === 'auto') localStorage.removeItem('visie-theme');
        else localStorage.setItem('visie-theme', value);
      } catch (e) { /* storage disabled: the choice lasts for this page */ }
    });
    box.appendChild(select);
  }

  // `/` or `s` focuses the search field; ← and → open the previous and the
  // next chapter. Not while typing, and not with a modifier key.
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === '/' || e.key === 's') {
      var input = document.getElementById('search-input');
      if (input && input.offsetParent !== null) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      // A table or a figure that scrolls sideways keeps its arrow keys.
      if (e.shiftKey || (t && t.closest && t.closest('.table-wrap, table, figure'))) return;
      var link = document.querySelector(e.key === 'ArrowLeft' ? '.pager a[rel="prev"]' : '.pager a[rel="next"]');
      if (link) window.location.href = link.href;
    }
  });
})();

// The on-page contents marks the section being read: the last of its
// headings that has reached the top quarter of the window (below the
// sticky header).
(function () {
  'use strict';
  var links = Array.prototype.slice.call(document.querySelectorAll('.page-toc a[href^="#"]'));
  var pairs = links.map(function (a) {
    return { link: a, heading: document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))) };
  }).filter(function (p) { return p.heading; });
  if (!pairs.length) return;
  var current = null;
  var pending = false;
  function mark() {
    pending = false;
    var header = document.querySelector('body > header');
    var top = header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0;
    var line = top + Math.max(16, (window.innerHeight - top) / 4);
    var active = null;
    pairs.forEach(function (p) { if (p.heading.getBoundingClientRect().top <= line) active = p; });
    if (active === current) return;
    if (current) { current.link.classList.remove('active'); current.link.removeAttribute('aria-current'); }
    current = active;
    if (current) { current.link.classList.add('active'); current.link.setAttribute('aria-current', 'location'); }
  }
  window.addEventListener('scroll', function () {
    if (!pending) { pending = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  window.addEventListener('hashchange', mark);
  mark();
})();
