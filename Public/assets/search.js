/* Kaifang catalogue search: static, no framework, no other host.
   Loads search/index.json on first use; matches every query term as a
   substring (so any 2+ character fragment of a Chinese title finds it);
   ranks title > keyword > description > department/field names (the same
   weights as Sources/KaifangKit/Search/SearchRanking.swift); facets with
   counts; query and filters in the URL (?q=公交&theme=transport). */
(function () {
  'use strict';
  var box = document.querySelector('[data-search]');
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var input = box.querySelector('input[type="search"]');
  var form = box.querySelector('form');
  var section = document.getElementById('live-results');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var more = document.getElementById('search-more');
  var seeAll = document.getElementById('search-see-all');
  var staticResults = document.getElementById('static-results');
  var controls = document.getElementById('facet-controls');
  var links = document.getElementById('facet-links');
  var clear = document.getElementById('facet-clear');
  var catalog = document.getElementById('catalog');
  var filterBar = document.getElementById('filter-bar');
  var toggle = document.getElementById('filter-toggle');
  var toggleCount = document.getElementById('filter-toggle-count');
  var chips = document.getElementById('filter-chips');
  var done = document.getElementById('facet-done');
  var catalogMode = !!controls;
  var root = box.getAttribute('data-root') || '';
  var text = function (name) { return box.getAttribute('data-' + name) || ''; };
  var PAGE = 50, HOME_LIMIT = 10;
  // A facet folds its options without matches behind "show all" from this many on.
  var FOLD_AT = 3;
  var index = null, loading = null, shown = PAGE, timer = null;
  // Facet parameters and the record column holding each one's positions.
  var COLUMNS = { theme: 6, org: 5, format: 7, license: 8, open: 9, freq: 10 };

  function norm(s) { return (s.normalize ? s.normalize('NFKC') : s).toLowerCase(); }
  function terms(q) {
    var out = [];
    norm(q).split(/[\s\u3000,，、;；:：!！?？"'“”‘’()（）\[\]【】《》<>{}|\/\\=*#~`^$%&]+/).forEach(function (t) {
      if (t && out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }
  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function highlight(s, ts) {
    if (!ts.length) return escapeHTML(s);
    var low = s.toLowerCase(), marks = [];
    ts.forEach(function (t) {
      var at = low.indexOf(t);
      while (at >= 0 && t.length) { marks.push([at, at + t.length]); at = low.indexOf(t, at + t.length); }
    });
    if (!marks.length) return escapeHTML(s);
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = '', pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) { if (m[1] > pos) { out += '<mark>' + escapeHTML(s.slice(pos, m[1])) + '</mark>'; pos = m[1]; } return; }
      out += escapeHTML(s.slice(pos, m[0])) + '<mark>' + escapeHTML(s.slice(m[0], m[1])) + '</mark>';
      pos = m[1];
    });
    return out + escapeHTML(s.slice(pos));
  }

  function load() {
    if (loading) return loading;
    status.textContent = text('loading');
    loading = fetch(box.getAttribute('data-index')).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      var f = data.facets;
      data.slugs = {};
      Object.keys(f).forEach(function (p) {
        data.slugs[p] = {};
        f[p].values.forEach(function (v, i) { data.slugs[p][v[0]] = i; });
      });
      var orgs = f.org.values;
      data.norm = data.datasets.map(function (d) {
        return { title: norm(d[0]), keywords: d[1] ? norm(d[1]).split(' ') : [], description: norm(d[2]),
                 other: norm((orgs[d[5]] ? orgs[d[5]][1] : '') + ' ' + d[3]) };
      });
      index = data;
      return data;
    });
    loading.catch(function () { status.textContent = text('error'); section.hidden = false; });
    return loading;
  }

  function score(n, ts) {
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i], best = 0;
      if (n.title.indexOf(t) >= 0) best = 100 + (n.title.indexOf(t) === 0 ? 20 : 0);
      if (!best && n.keywords.some(function (k) { return k.indexOf(t) >= 0; })) best = 40 + (n.keywords.indexOf(t) >= 0 ? 10 : 0);
      if (!best && n.description.indexOf(t) >= 0) best = 10;
      if (!best && n.other.indexOf(t) >= 0) best = 5;
      if (!best) return -1;
      total += best;
    }
    return total;
  }

  function values(d, p) { var v = d[COLUMNS[p]]; return Array.isArray(v) ? v : (v >= 0 ? [v] : []); }

  function state() {
    var params = new URLSearchParams(location.search), filters = {};
    Object.keys(COLUMNS).forEach(function (p) { var v = params.getAll(p).filter(Boolean); if (v.length) filters[p] = v; });
    return { q: params.get('q') || '', filters: catalogMode ? filters : {} };
  }
  function query(s) {
    var params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    Object.keys(COLUMNS).forEach(function (p) { (s.filters[p] || []).forEach(function (v) { params.append(p, v); }); });
    var q = params.toString();
    return q ? '?' + q : '';
  }
  function current() {
    var filters = {};
    if (controls) {
      Array.prototype.forEach.call(controls.querySelectorAll('input[type="checkbox"]:checked'), function (c) {
        (filters[c.name] = filters[c.name] || []).push(c.value);
      });
    }
    return { q: input.value.trim(), filters: filters };
  }
  function isActive(s) { return !!s.q || Object.keys(s.filters).length > 0; }

  function passes(d, filters, except) {
    for (var p in filters) {
      if (p === except) continue;
      var wanted = filters[p].map(function (slug) { return index.slugs[p][slug]; });
      var has = values(d, p);
      if (!wanted.some(function (w) { return has.indexOf(w) >= 0; })) return false;
    }
    return true;
  }

  function render(s) {
    var active = isActive(s);
    if (staticResults) staticResults.hidden = active;
    section.hidden = !active;
    if (!active) { updateCounts(s, null); status.textContent = ''; list.innerHTML = ''; return; }
    var ts = terms(s.q), matched = [];
    index.datasets.forEach(function (d, i) {
      var sc = score(index.norm[i], ts);
      if (sc >= 0) matched.push([i, sc]);
    });
    updateCounts(s, matched);
    var hits = matched.filter(function (m) { return passes(index.datasets[m[0]], s.filters, null); });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    status.textContent = hits.length ? text('count').replace('{n}', hits.length.toLocaleString('zh-CN')) : text('none');
    var limit = catalogMode ? shown : HOME_LIMIT;
    list.innerHTML = hits.slice(0, limit).map(function (m) { return item(index.datasets[m[0]], ts); }).join('');
    more.hidden = !catalogMode || hits.length <= limit;
    if (seeAll) {
      seeAll.hidden = catalogMode || hits.length <= limit;
      seeAll.href = root + 'datasets/' + query(s);
    }
  }

  function item(d, ts) {
    var f = index.facets, org = f.org.values[d[5]] || ['', ''];
    var open = f.open.values[d[9]] || ['', ''];
    var html = '<li class="dataset-item"><h3 class="dataset-item__title"><a href="' + root + 'datasets/' + d[4] + '/">' + highlight(d[0], ts) + '</a></h3>';
    html += '<p class="dataset-item__meta"><a href="' + root + 'organizations/' + encodeURIComponent(org[0]) + '/">' + escapeHTML(org[1]) + '</a>';
    if (d[11]) html += '<span>' + escapeHTML(text('updated')) + ' <time datetime="' + d[11] + '">' + d[11] + '</time></span>';
    html += '</p>';
    if (d[2]) html += '<p class="dataset-item__excerpt">' + highlight(d[2], ts) + '</p>';
    if (d[1]) html += '<p class="dataset-item__keywords">' + highlight(d[1], ts) + '</p>';
    html += '<p class="tags"><span class="badge badge--' + open[0] + '">' + escapeHTML(open[1]) + '</span>';
    d[6].forEach(function (t) { var v = f.theme.values[t]; if (v) html += '<span class="tag">' + escapeHTML(v[1]) + '</span>'; });
    d[7].forEach(function (t) { var v = f.format.values[t]; if (v) html += '<span class="format">' + escapeHTML(v[1]) + '</span>'; });
    return html + '</p></li>';
  }

  // Counts per facet value among the query's matches with every other facet
  // applied, so a count says how many results ticking that box would add.
  function updateCounts(s, matched) {
    if (!controls || !index) return;
    Array.prototype.forEach.call(controls.querySelectorAll('fieldset[data-facet]'), function (fs) {
      var p = fs.getAttribute('data-facet'), counts = {};
      var pool = matched || index.datasets.map(function (d, i) { return [i, 0]; });
      pool.forEach(function (m) {
        var d = index.datasets[m[0]];
        if (!passes(d, s.filters, p)) return;
        values(d, p).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var ul = fs.querySelector('ul'), full = [], empty = [];
      Array.prototype.forEach.call(ul.children, function (li, i) {
        if (!li.hasAttribute('data-order')) li.setAttribute('data-order', i);
        var c = li.querySelector('input');
        var n = counts[index.slugs[p][c.value]] || 0;
        li.querySelector('.facet__count').textContent = n;
        li.classList.toggle('facet--empty', n === 0 && !c.checked);
        (n === 0 && !c.checked ? empty : full).push(li);
      });
      // Options with matches first (in their usual order), then those without.
      var byOrder = function (a, b) { return a.getAttribute('data-order') - b.getAttribute('data-order'); };
      full.sort(byOrder); empty.sort(byOrder);
      full.concat(empty).forEach(function (li) { ul.appendChild(li); });
      fold(fs, empty);
    });
  }

  // Many options without matches are folded behind one button; those with
  // matches are never hidden.
  function fold(fs, empty) {
    var button = fs.querySelector('.facet__more');
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'button--quiet facet__more';
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', function () {
        fs.setAttribute('data-expanded', fs.getAttribute('data-expanded') === 'true' ? 'false' : 'true');
        fold(fs, fs.querySelectorAll('li.facet--empty'));
      });
      fs.appendChild(button);
    }
    var folding = empty.length >= FOLD_AT, expanded = fs.getAttribute('data-expanded') === 'true';
    Array.prototype.forEach.call(fs.querySelectorAll('li'), function (li) {
      li.hidden = folding && !expanded && li.classList.contains('facet--empty');
    });
    button.hidden = !folding;
    button.setAttribute('aria-expanded', expanded ? 'true' : 'false');
    button.textContent = expanded ? controls.getAttribute('data-show-fewer') : controls.getAttribute('data-show-all').replace('{n}', empty.length);
  }

  // The chosen filters: the count on the phone's filter button, and a
  // removable chip each above the results.
  function showChosen() {
    if (!chips) return;
    var boxes = controls.querySelectorAll('input[type="checkbox"]:checked');
    toggleCount.textContent = boxes.length ? ' (' + boxes.length + ')' : '';
    chips.innerHTML = '';
    Array.prototype.forEach.call(boxes, function (c) {
      var li = document.createElement('li'), b = document.createElement('button');
      var legend = c.closest('fieldset').querySelector('legend').textContent;
      var name = c.parentNode.querySelector('.facet__label').textContent;
      b.type = 'button';
      b.className = 'chip';
      b.setAttribute('aria-label', chips.getAttribute('data-remove') + '：' + legend + ' ' + name);
      b.innerHTML = escapeHTML(name) + ' <span aria-hidden="true">×</span>';
      b.addEventListener('click', function () {
        var at = Array.prototype.indexOf.call(chips.children, li);
        c.checked = false;
        changed('push');
        var left = chips.querySelectorAll('button');
        (left[Math.min(at, left.length - 1)] || input).focus();
      });
      li.appendChild(b);
      chips.appendChild(li);
    });
    chips.hidden = !boxes.length;
  }

  function openPanel(open) {
    catalog.classList.toggle('catalog--open', open);
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function apply(s, push) {
    input.value = s.q;
    if (controls) {
      Array.prototype.forEach.call(controls.querySelectorAll('input[type="checkbox"]'), function (c) {
        c.checked = (s.filters[c.name] || []).indexOf(c.value) >= 0;
      });
    }
    showChosen();
    var url = location.pathname + query(s) + location.hash;
    if (push === 'push' && url !== location.pathname + location.search + location.hash) history.pushState(null, '', url);
    else if (push === 'replace') history.replaceState(null, '', url);
    if (isActive(s) || controls) load().then(function () { render(s); });
    else render(s);
  }

  function changed(push) { shown = PAGE; apply(current(), push); }

  input.addEventListener('focus', load);
  // Typing replaces the URL's query (shareable, no history entry per key);
  // a submit or a facet change adds a history entry, so Back undoes it.
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { changed('replace'); }, 120);
  });
  if (catalogMode) {
    form.addEventListener('submit', function (e) { e.preventDefault(); changed('push'); });
    controls.hidden = false;
    if (links) links.hidden = true;
    if (catalog && filterBar) {
      catalog.classList.add('catalog--live');
      filterBar.hidden = false;
      toggle.addEventListener('click', function () { openPanel(!catalog.classList.contains('catalog--open')); });
      done.addEventListener('click', function () { openPanel(false); toggle.focus(); });
    }
    controls.addEventListener('change', function () { changed('push'); });
    if (clear) clear.addEventListener('click', function () { input.value = ''; controls.reset(); changed('push'); });
    more.addEventListener('click', function () { shown += PAGE; render(current()); });
  }
  window.addEventListener('popstate', function () { apply(state(), null); });
  var initial = state();
  if (isActive(initial) || controls) apply(initial, null);
})();
