// Filters and sorts the overview of definitions (the `visie definitions`
// block without a kind). Without script every definition stays visible and
// the controls stay hidden.
(function () {
  'use strict';
  document.querySelectorAll('form.definition-controls').forEach(function (form) {
    var section = form.closest('.definitions-overview');
    var list = section.querySelector('.definition-list');
    var items = Array.prototype.slice.call(list.querySelectorAll('figure.definition'));
    var original = items.slice();
    var count = form.querySelector('.shown-count');

    function yearOf(el) {
      var y = parseInt(el.getAttribute('data-year'), 10);
      return isNaN(y) ? 9999 : y;
    }

    function apply() {
      var kind = form.elements.kind.value;
      // Only when a definition of the overview names the concept it defines.
      var concept = form.elements.concept ? form.elements.concept.value : '';
      // An element is matched by the label the definition shows, not by
      // splitting data-elements on spaces: an element id may hold spaces
      // ("kwaliteit van leven", the frozen concept 1).
      var choice = form.elements.element;
      var element = choice.value ? choice.options[choice.selectedIndex].textContent.trim() : '';
      var sort = form.elements.sort.value;
      var ordered = original.slice();
      if (sort === 'year') {
        ordered.sort(function (a, b) { return yearOf(a) - yearOf(b); });
      } else if (sort === 'source') {
        ordered.sort(function (a, b) {
          return a.getAttribute('data-source').localeCompare(b.getAttribute('data-source'), document.documentElement.lang);
        });
      }
      var shown = 0;
      ordered.forEach(function (el) {
        var elements = Array.prototype.map.call(el.querySelectorAll('.element'),
                                                function (e) { return e.textContent.trim(); });
        var visible = (!kind || el.getAttribute('data-kind') === kind) &&
                      (!concept || el.getAttribute('data-concept') === concept) &&
                      (!element || elements.indexOf(element) >= 0);
        el.hidden = !visible;
        if (visible) shown += 1;
        list.appendChild(el);
      });
      count.textContent = String(shown);
    }

    form.hidden = false;
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
  });
})();
