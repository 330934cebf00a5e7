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

  var label = document.createElement('label');
  label.textContent = box.getAttribute('data-label');
  var select = document.createElement('select');
  data.versions.forEach(function (v) {
    var option = document.createElement('option');
    option.value = href(v);
    option.textContent = v.label + ' (' + v.period + ')' +
      (v.frozen ? '' : ' – ' + box.getAttribute('data-draft'));
    option.selected = v.id === current;
    select.appendChild(option);
  });
  select.addEventListener('change', function () { window.location.href = select.value; });
  label.appendChild(select);
  box.insertBefore(label, box.firstChild);

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
