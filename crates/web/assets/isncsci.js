// Vesalius ISNCSCI worksheet: checks each value code as you type and classifies the exam through
// /api/isncsci (debounced), filling the result frame the server rendered. Blank cells are sent as NT, so a
// half-filled sheet gives a provisional result. Without this script the form posts to /isncsci.
(function () {
  'use strict';
  var form = document.getElementById('isncsci-form');
  var outcome = document.getElementById('isncsci-outcome');
  var msg = document.getElementById('isncsci-message');
  if (!form || !outcome || !msg || !window.fetch) { return; }
  var CODES = {
    motor: /^(?:[0-5]|[0-4]\*{1,2}|NT\*{0,2})$/i,
    sensory: /^(?:[0-2]|[01]\*{1,2}|NT\*{0,2})$/i
  };
  var inputs = Array.prototype.slice.call(form.querySelectorAll('input.score'));
  var selects = ['voluntaryAnalContraction', 'deepAnalPressure'].map(function (n) { return form.elements[n]; });
  var timer = null;
  var seq = 0;

  function valid(input) {
    var v = input.value.trim();
    var ok = v === '' || CODES[input.getAttribute('data-scale')].test(v);
    if (ok) { input.removeAttribute('aria-invalid'); } else { input.setAttribute('aria-invalid', 'true'); }
    return ok;
  }

  function say(text) {
    msg.textContent = text;
    msg.hidden = !text;
  }

  function exam() {
    var doc = { right: { motor: {}, lightTouch: {}, pinPrick: {} }, left: { motor: {}, lightTouch: {}, pinPrick: {} } };
    var blanks = 0;
    var filled = 0;
    inputs.forEach(function (input) {
      var parts = input.name.split('.');
      var v = input.value.trim();
      if (v === '') { blanks++; v = 'NT'; } else { filled++; }
      doc[parts[0]][parts[1]][parts[2]] = v;
    });
    selects.forEach(function (s) {
      if (s.value === '') { blanks++; } else { filled++; }
      doc[s.name] = s.value || 'NT';
    });
    ['right', 'left'].forEach(function (side) {
      var nk = form.elements[side + '.lowestNonKeyMuscleWithMotorFunction'];
      if (nk && nk.value) { doc[side].lowestNonKeyMuscleWithMotorFunction = nk.value; }
    });
    return { doc: doc, blanks: blanks, filled: filled };
  }

  function show(result, blanks) {
    Array.prototype.forEach.call(document.querySelectorAll('#isncsci-result [data-key]'), function (e) {
      var v = result[e.getAttribute('data-key')] || '';
      if (e.getAttribute('data-key') === 'injuryComplete') { v = v === 'C' ? 'complete (C)' : v === 'I' ? 'incomplete (I)' : v; }
      e.textContent = v;
    });
    Array.prototype.forEach.call(form.querySelectorAll('[data-total]'), function (td) {
      var span = td.querySelector('.value');
      if (span) { span.textContent = result[td.getAttribute('data-total')] || ''; }
    });
    document.getElementById('blank-count').textContent = String(blanks);
    document.getElementById('isncsci-provisional').hidden = blanks === 0;
    outcome.hidden = false;
    say('');
  }

  function classify() {
    timer = null;
    var bad = inputs.filter(function (i) { return !valid(i); });
    if (bad.length) {
      say('Check the marked value' + (bad.length > 1 ? 's' : '') + ': motor 0–5, sensory 0–2, NT, with * or ** where needed.');
      return;
    }
    var e = exam();
    if (e.filled === 0) {
      outcome.hidden = true;
      say('No values yet: the classification appears as you fill in the sheet.');
      return;
    }
    var mine = ++seq;
    fetch('/api/isncsci', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(e.doc) })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (mine !== seq) { return; }
        if (r.ok) { show(r.body, e.blanks); } else { say((r.body.error && r.body.error.message) || 'The exam could not be classified.'); }
      })
      .catch(function () { if (mine === seq) { say('The classifier could not be reached; use the Classify button.'); } });
  }

  function later() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(classify, 250);
  }

  form.addEventListener('input', function (ev) {
    if (ev.target.classList && ev.target.classList.contains('score')) { valid(ev.target); }
    later();
  });
  form.addEventListener('change', later);
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (timer) { window.clearTimeout(timer); }
    classify();
  });

  var tools = form.querySelector('.worksheet-tools');
  if (tools) { tools.hidden = false; }
  var fill = document.getElementById('fill-normal');
  if (fill) {
    fill.addEventListener('click', function () {
      inputs.forEach(function (i) {
        if (i.value.trim() === '') { i.value = i.getAttribute('data-scale') === 'motor' ? '5' : '2'; valid(i); }
      });
      selects.forEach(function (s) { if (!s.value) { s.value = 'Yes'; } });
      classify();
    });
  }
  var clear = document.getElementById('clear-sheet');
  if (clear) {
    clear.addEventListener('click', function () {
      inputs.forEach(function (i) { i.value = ''; valid(i); });
      Array.prototype.forEach.call(form.querySelectorAll('select'), function (s) { s.value = ''; });
      classify();
    });
  }
}());
