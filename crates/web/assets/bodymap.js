// Vesalius body map. On /atlas: choosing a root or nerve highlights its territory, pointing at or focusing a
// region shows what supplies it. On /localize: clicking a region marks altered sensation on that side (kept
// in step with the region lists of the form). Without this script the pages still work (links, form posts).
(function () {
  'use strict';
  var map = document.getElementById('bodymap');
  if (!map) { return; }
  var regions = Array.prototype.slice.call(map.querySelectorAll('.region'));

  function words(el, name) {
    var v = el.getAttribute(name);
    return v ? v.split(' ') : [];
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function setClass(node, name, on) {
    if (on) { node.classList.add(name); } else { node.classList.remove(name); }
  }

  // ---- /atlas ---------------------------------------------------------------------------------------
  function initAtlas() {
    var panel = document.getElementById('panel-body');
    var selected = null; // {kind: 'root'|'nerve', id}
    var pinned = null;   // a region element whose details stay in the panel

    function chips() {
      return Array.prototype.slice.call(document.querySelectorAll('a[data-root], a[data-nerve]'));
    }

    function nerveLabel(id) {
      var a = document.querySelector('a[data-nerve="' + id.replace(/[^a-z0-9-]/g, '') + '"]');
      return a ? a.textContent.trim() : id;
    }

    function showInfo(kind, id) {
      var info = document.getElementById('info-' + kind + '-' + id);
      panel.textContent = '';
      if (!info) { return; }
      var copy = info.cloneNode(true);
      copy.removeAttribute('id');
      panel.appendChild(copy);
      if (info.getAttribute('data-empty') === 'true') {
        panel.appendChild(el('p', 'Nothing to highlight: this nerve has no skin territory of its own in the atlas.', 'hint'));
      }
      var clear = el('button', 'Clear the highlight', 'clear');
      clear.type = 'button';
      clear.addEventListener('click', function () { select(null); });
      panel.appendChild(clear);
    }

    function showHint() {
      panel.textContent = '';
      panel.appendChild(el('p', 'Nothing selected yet.', 'hint'));
    }

    function showRegion(r) {
      panel.textContent = '';
      var side = r.getAttribute('data-side');
      panel.appendChild(el('h3', r.getAttribute('data-label') + (side ? ' (' + side + ')' : '')));
      var dl = el('dl');
      function row(term, value) {
        if (!value) { return; }
        dl.appendChild(el('dt', term));
        dl.appendChild(el('dd', value));
      }
      var roots = words(r, 'data-roots');
      var vroots = words(r, 'data-variable-roots');
      row('Dermatome (most maps)', roots.length ? roots.join(', ') : 'none recorded');
      row('Some maps or some people', vroots.join(', '));
      row('Nerves (most specific first)', words(r, 'data-nerves').map(nerveLabel).join(', ') || 'none recorded');
      row('Nerves in some people', words(r, 'data-variable-nerves').map(nerveLabel).join(', '));
      panel.appendChild(dl);
      panel.appendChild(el('p', 'Borders overlap and vary between people: treat this as a guide.', 'hint'));
    }

    function restore() {
      if (pinned) { showRegion(pinned); } else if (selected) { showInfo(selected.kind, selected.id); } else { showHint(); }
    }

    function select(sel) {
      if (sel && selected && sel.kind === selected.kind && sel.id === selected.id) { sel = null; }
      selected = sel;
      pinned = null;
      setClass(map, 'has-selection', !!sel);
      regions.forEach(function (r) {
        var strong = false;
        var variable = false;
        if (sel) {
          var key = sel.kind === 'root' ? 'data-roots' : 'data-nerves';
          var vkey = sel.kind === 'root' ? 'data-variable-roots' : 'data-variable-nerves';
          strong = words(r, key).indexOf(sel.id) >= 0;
          variable = !strong && words(r, vkey).indexOf(sel.id) >= 0;
        }
        setClass(r, 'hl', strong);
        setClass(r, 'hl-var', variable);
        setClass(r, 'active', false);
      });
      chips().forEach(function (a) {
        var on = !!sel && a.getAttribute('data-' + sel.kind) === sel.id;
        a.setAttribute('aria-pressed', on ? 'true' : 'false');
        setClass(a, 'selected', on);
      });
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, '', sel ? '/atlas?' + sel.kind + '=' + encodeURIComponent(sel.id) : '/atlas');
      }
      restore();
    }

    chips().forEach(function (a) {
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        var kind = a.hasAttribute('data-root') ? 'root' : 'nerve';
        select({ kind: kind, id: a.getAttribute('data-' + kind) });
      });
    });

    // The server's "clear" link is replaced by the script's button in the panel.
    var serverClear = document.getElementById('clear-selection');
    if (serverClear) { serverClear.parentNode.parentNode.removeChild(serverClear.parentNode); }

    // Selection rendered by the server (?root= / ?nerve=) becomes the script's state.
    var on = document.querySelector('a[data-root][aria-pressed="true"], a[data-nerve][aria-pressed="true"]');
    if (on) {
      selected = on.hasAttribute('data-root') ? { kind: 'root', id: on.getAttribute('data-root') } : { kind: 'nerve', id: on.getAttribute('data-nerve') };
      showInfo(selected.kind, selected.id);
    }

    regions.forEach(function (r) {
      function enter() {
        regions.forEach(function (x) { setClass(x, 'active', x === r); });
        showRegion(r);
      }
      function leave() {
        setClass(r, 'active', pinned === r);
        restore();
      }
      r.addEventListener('mouseenter', enter);
      r.addEventListener('focus', enter);
      r.addEventListener('mouseleave', leave);
      r.addEventListener('blur', leave);
      function pin() {
        pinned = pinned === r ? null : r;
        regions.forEach(function (x) { setClass(x, 'active', x === pinned); });
        restore();
      }
      r.addEventListener('click', pin);
      r.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pin(); }
      });
    });
  }

  // ---- /localize ------------------------------------------------------------------------------------
  function initPicker() {
    function listFor(side, normal) {
      return document.getElementById((side || 'left') + (normal ? '-sensory-normal' : '-sensory'));
    }
    function option(select, value) {
      if (!select) { return null; }
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) { return select.options[i]; }
      }
      return null;
    }
    function sync() {
      regions.forEach(function (r) {
        var side = r.getAttribute('data-side') || 'left';
        var id = r.getAttribute('data-region');
        var altered = option(listFor(side, false), id);
        var normal = option(listFor(side, true), id);
        var picked = !!(altered && altered.selected);
        setClass(r, 'picked', picked);
        setClass(r, 'picked-normal', !picked && !!(normal && normal.selected));
        r.setAttribute('aria-pressed', picked ? 'true' : 'false');
      });
    }
    function toggle(r) {
      var side = r.getAttribute('data-side') || 'left';
      var o = option(listFor(side, false), r.getAttribute('data-region'));
      if (!o) { return; }
      o.selected = !o.selected;
      if (o.selected) {
        var n = option(listFor(side, true), r.getAttribute('data-region'));
        if (n) { n.selected = false; }
      }
      o.parentNode.parentNode.dispatchEvent(new Event('change', { bubbles: true }));
      sync();
    }
    regions.forEach(function (r) {
      r.addEventListener('click', function () { toggle(r); });
      r.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(r); }
      });
    });
    ['left', 'right'].forEach(function (side) {
      [listFor(side, false), listFor(side, true)].forEach(function (s) {
        if (s) { s.addEventListener('change', sync); }
      });
    });
    var form = document.getElementById('localize-form');
    if (form) { form.addEventListener('reset', function () { window.setTimeout(sync, 0); }); }
    sync();
  }

  if (document.querySelector('.atlas-tool')) { initAtlas(); }
  if (document.getElementById('localize-form')) { initPicker(); }
}());
