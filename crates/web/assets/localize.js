// Vesalius localiser: builds the findings JSON (docs/localizer.md) from the form, posts it to /api/localize
// and draws the ranked explanations. Without this script the form posts to /localize and the server draws
// the same results.
(function () {
  'use strict';
  var form = document.getElementById('localize-form');
  var out = document.getElementById('localize-result');
  if (!form || !out || !window.fetch) { return; }
  var SIDES = ['right', 'left'];
  // Reference titles by id, given by the page (the API answers with ids only).
  var TITLES = {};
  try { TITLES = JSON.parse(out.getAttribute('data-references') || '{}'); } catch (e) { TITLES = {}; }

  // "Sources: " and each cited work by title, linking to it in the reference list; no repeats.
  function sources(ids) {
    var p = el('p', 'Sources: ', 'sources');
    var seen = {};
    ids.filter(function (id) { if (seen[id]) { return false; } seen[id] = true; return true; })
      .forEach(function (id, i) {
        if (i > 0) { p.appendChild(document.createTextNode('; ')); }
        var a = document.createElement('a');
        a.href = '/references#ref-' + encodeURIComponent(id);
        a.title = '[@' + id + ']';
        a.textContent = TITLES[id] || id;
        p.appendChild(a);
      });
    return p;
  }

  function selected(select) {
    if (!select || !select.options) { return []; }
    return Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; })
      .map(function (o) { return o.value; });
  }

  function findings() {
    var doc = { cues: {} };
    var any = false;
    SIDES.forEach(function (side) {
      var kindSel = form.elements[side + '.sensory_kind'];
      var kind = kindSel ? kindSel.value : 'numb';
      var sensory = selected(form.elements[side + '.sensory']).map(function (r) { return { region: r, kind: kind }; })
        .concat(selected(form.elements[side + '.sensory_normal']).map(function (r) { return { region: r, kind: 'normal' }; }));
      var motor = [];
      var reflexes = [];
      Array.prototype.forEach.call(form.elements, function (e) {
        if (!e.name || !e.value) { return; }
        var m = side + '.motor.';
        var r = side + '.reflex.';
        if (e.name.indexOf(m) === 0) { motor.push({ movement: e.name.slice(m.length), grade: parseInt(e.value, 10) }); }
        if (e.name.indexOf(r) === 0) { reflexes.push({ reflex: e.name.slice(r.length), state: e.value }); }
      });
      if (sensory.length || motor.length || reflexes.length) { any = true; }
      doc[side] = { sensory: sensory, motor: motor, reflexes: reflexes };
    });
    Array.prototype.forEach.call(form.querySelectorAll('select[data-cue]'), function (s) {
      if (s.value === 'yes') { doc.cues[s.getAttribute('data-cue')] = true; any = true; }
      if (s.value === 'no') { doc.cues[s.getAttribute('data-cue')] = false; }
    });
    return any ? doc : null;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function percent(x) {
    var p = x * 100;
    return p < 1 ? '<1%' : Math.round(p) + '%';
  }

  function sideText(c) { return c.side ? ' (' + c.side + ')' : ''; }

  function list(label, items, cls) {
    var d = el('div', null, cls);
    d.appendChild(el('span', label, 'list-label'));
    var ul = el('ul');
    items.forEach(function (t) { ul.appendChild(el('li', t)); });
    d.appendChild(ul);
    return d;
  }

  function candidate(c, rank) {
    var li = el('li', null, 'candidate' + (c.urgent ? ' urgent-candidate' : ''));
    li.setAttribute('data-id', c.id);
    li.setAttribute('data-kind', c.kind);
    var head = el('div', null, 'candidate-head');
    head.appendChild(el('span', rank + '.', 'rank'));
    head.appendChild(el('strong', c.label + sideText(c), 'candidate-label'));
    if (c.urgent) { head.appendChild(el('span', 'urgent', 'badge urgent-badge')); }
    var score = el('span', percent(c.score), 'score');
    score.title = 'Probability among the explanations considered';
    head.appendChild(score);
    li.appendChild(head);
    if (c.explains && c.explains.length) { li.appendChild(list('Explains: ', c.explains, 'explains')); }
    if (c.contradicts && c.contradicts.length) { li.appendChild(list('Against it: ', c.contradicts, 'contradicts')); }
    if (c.note) { li.appendChild(el('p', c.note, 'note')); }
    if (c.citations && c.citations.length) { li.appendChild(sources(c.citations)); }
    return li;
  }

  function render(loc) {
    out.textContent = '';
    var urgent = (loc.candidates || []).filter(function (c) { return c.urgent; })[0];
    if (urgent) {
      var alert = el('div', null, 'urgent');
      alert.setAttribute('role', 'alert');
      alert.appendChild(el('strong', 'Urgent: '));
      alert.appendChild(document.createTextNode('these findings fit ' + urgent.label + sideText(urgent) +
        '. This is a red flag: arrange emergency assessment now (in most places, the emergency department or your local emergency number).'));
      out.appendChild(alert);
    }
    if (!loc.candidates || !loc.candidates.length) {
      out.appendChild(el('p', 'No explanation in the atlas accounts for these findings. Check the names, or add findings.', 'empty'));
    } else {
      if (loc.tie) {
        var tie = el('div', null, 'tie');
        tie.setAttribute('role', 'status');
        tie.appendChild(el('h3', 'Too close to call'));
        tie.appendChild(el('p', loc.tie.text));
        out.appendChild(tie);
      }
      var t = loc.next_test;
      if (t) {
        var box = el('div', null, 'next-test');
        box.appendChild(el('h3', 'Most useful next test'));
        box.appendChild(el('p', t.text));
        if (t.expected && t.expected.length) {
          var parts = t.expected.map(function (e) {
            var c = loc.candidates.filter(function (x) { return x.id === e.candidate; })[0];
            return (c ? c.label : e.candidate) + ' ' + percent(e.abnormal);
          });
          box.appendChild(el('p', 'Chance the test is abnormal: ' + parts.join('; '), 'expected'));
        }
        out.appendChild(box);
      }
      out.appendChild(el('h3', 'Ranked explanations'));
      var ol = el('ol', null, 'candidates');
      loc.candidates.forEach(function (c, i) { ol.appendChild(candidate(c, i + 1)); });
      out.appendChild(ol);
    }
    if (loc.warnings && loc.warnings.length) {
      var w = el('div', null, 'warnings');
      w.appendChild(el('p', 'Notes on the findings:'));
      var ul = el('ul');
      loc.warnings.forEach(function (x) { ul.appendChild(el('li', x)); });
      w.appendChild(ul);
      out.appendChild(w);
    }
    out.appendChild(el('p', 'Decision support for clinicians, not a diagnosis: it knows only the structures in the atlas and treats findings as independent.', 'disclaimer-line'));
  }

  function message(text) {
    out.textContent = '';
    var p = el('p', text, 'error-message');
    p.setAttribute('role', 'alert');
    out.appendChild(p);
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var doc = findings();
    if (!doc) { message('Enter at least one finding: a region, a grade, a reflex or a cue.'); return; }
    out.setAttribute('aria-busy', 'true');
    fetch('/api/localize', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      })
      .then(function (r) {
        if (r.ok) { render(r.body); } else { message((r.body.error && r.body.error.message) || 'The localiser could not read these findings.'); }
        out.scrollIntoView({ behavior: 'smooth', block: 'start' });
      })
      .catch(function () { message('The localiser could not be reached. Try again, or submit without scripts.'); })
      .then(function () { out.removeAttribute('aria-busy'); });
  });
}());
