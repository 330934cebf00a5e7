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
    option.textContent = v.label + ' (' + v.period + ')' +
      (v.frozen ? '' : ' – ' + box.getAttribute('data-draft'));
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
    pdf.querySelector('a').href = data.versions[here].pdf;
    pdf.hidden = false;
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
