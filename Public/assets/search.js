/* Kaifang catalogue search: static, no framework, no other host.
   Loads search/meta.json on first use, then per query only the shards of
   the index its terms need (docs/search.md); matches every query term as a
   substring (so any 2+ character fragment of a Chinese title finds it);
   ranks title > keyword > description > department/field names (the same
   weights as Sources/KaifangKit/Search/SearchRanking.swift); facets with
   counts; query and filters in the URL (?q=bus&theme=transport). */
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
  var none = document.getElementById('search-none');
  var catalogMode = !!controls;
  var root = box.getAttribute('data-root') || '';
  var text = function (name) { return box.getAttribute('data-' + name) || ''; };
  var PAGE = 50, HOME_LIMIT = 10;
  // Unchecked matches of a long term up to this many are checked before the count is shown.
  var CHECK_ALL = 60;
  // Results drawn before the records of the whole page have arrived.
  var FIRST = 10;
  // A longer term's first results checked and drawn before the rest of the page:
  // six records, one round trip where a browser opens six connections to a host.
  var SCREEN = 6;
  // Bytes of postings of split pairs a longer term reads (when all its pairs are
  // split, at least the least common one).
  var SPLIT_READ = 96 * 1024;
  // A facet folds its options without matches behind "show all" from this many on.
  var FOLD_AT = 3;
  var index = null, loading = null, shown = PAGE, timer = null;
  // The facet parameters.
  var COLUMNS = { theme: 6, org: 5, format: 7, license: 8, open: 9, freq: 10 };

  function norm(s) { return (s.normalize ? s.normalize('NFKC') : s).toLowerCase(); }
  function terms(q) {
    var out = [];
    norm(q).split(/[\s\u3000,\uff0c\u3001;\uff1b:\uff1a!\uff01?\uff1f"'“”‘’()\uff08\uff09\[\]\u3010\u3011\u300a\u300b<>{}|\/\\=*#~`^$%&]+/).forEach(function (t) {
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

  // The index comes in pieces (docs/search.md): meta.json once, then per
  // query only the gram shards of its terms, and the records of the results
  // on screen; filters without a query read their values' lists.
  var base = box.getAttribute('data-index') || root + 'search/';
  function getJSON(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ' ' + r.status); return r.json(); });
  }
  function cached(cache, url) {
    if (!cache[url]) {
      cache[url] = getJSON(url);
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }
  // docs: record promises by position; loaded: the records that arrived;
  // cards: result cards the gram shards carry for each gram's first results.
  var files = {}, docs = {}, loaded = {}, cards = {}, decoded = {}, facetsOf = {};

  function load() {
    if (loading) return loading;
    status.textContent = text('loading');
    loading = getJSON(base + 'meta.json').then(function (data) {
      data.slugs = {};
      Object.keys(data.facets).forEach(function (p) {
        data.slugs[p] = {};
        data.facets[p].values.forEach(function (v, i) { data.slugs[p][v[0]] = i; });
      });
      data.codeWidth = data.code.reduce(function (n, c) { return n + c[1]; }, 0);
      index = data;
      return data;
    });
    loading.catch(function () { loading = null; fail(); });
    return loading;
  }
  function fail() { status.textContent = text('error'); section.hidden = false; }

  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var LAST = '0123456789ABCDEFGHIJKLMNOPQRSTUV', MORE = 'WXYZabcdefghijklmnopqrstuvwxyz-_';
  // Delta-coded positions, each followed by `width` characters (its facet code, or none).
  function positions(s, width, each) {
    var at = 0, id = -1;
    while (at < s.length) {
      var v = 0, k;
      while ((k = MORE.indexOf(s.charAt(at))) >= 0) { v = v * 32 + k; at++; }
      v = v * 32 + LAST.indexOf(s.charAt(at)); at++;
      id += v + 1;
      each(id, s.substr(at, width));
      at += width;
    }
  }
  // A class string: positions with their facet codes.
  function entries(s, cls, into) {
    positions(s, index.codeWidth, function (id, code) {
      into.set(id, [cls, code]);
      if (!facetsOf[id]) facetsOf[id] = code;
    });
    return into;
  }
  // A dataset's facet positions, from its code.
  function values(id, p) {
    var code = facetsOf[id], at = 0, out = [];
    for (var i = 0; i < index.code.length; i++) {
      var c = index.code[i], v = 0;
      for (var j = 0; j < c[1]; j++) v = v * 64 + DIGITS.indexOf(code.charAt(at + j));
      at += c[1];
      if (c[0] === p) {
        out = index.sets[p] ? index.sets[p][v] || [] : (v > 0 ? [v - 1] : []);
        break;
      }
    }
    return out;
  }

  function shardOf(gram) {
    var h = 2166136261;
    Array.from(gram).forEach(function (c) { h = Math.imul((h ^ c.codePointAt(0)) >>> 0, 16777619) >>> 0; });
    return h % index.shards;
  }
  // A term's grams: itself when one or two characters, else its pairs.
  function gramsOf(t) {
    var cs = Array.from(t), out = [];
    if (cs.length <= 2) return [t];
    for (var i = 0; i + 1 < cs.length; i++) if (out.indexOf(cs[i] + cs[i + 1]) < 0) out.push(cs[i] + cs[i + 1]);
    return out;
  }
  // A gram shard; the result cards it carries are kept as they arrive.
  function shardFile(n) {
    var url = base + 'grams/' + n + '.json';
    if (!files[url]) {
      cached(files, url).then(function (shard) {
        var r = shard.records || {};
        Object.keys(r).forEach(function (id) { if (!cards[id]) cards[id] = r[id]; });
      }, function () {});
    }
    return files[url];
  }
  function entry(g) {
    return shardFile(shardOf(g)).then(function (shard) { return Object.prototype.hasOwnProperty.call(shard, g) ? shard[g] : null; });
  }
  // The parts of a split gram (one in most datasets), in rank order.
  function parts(p, n) {
    var urls = [];
    for (var i = 0; i < Math.min(n, p.parts.length); i++) urls.push(base + 'parts/' + p.file + '-' + i + '.json');
    return Promise.all(urls.map(function (u) { return cached(files, u); }));
  }
  function gram(g) {
    if (decoded[g]) return Promise.resolve(decoded[g]);
    return entry(g).then(function (p) {
      return !p ? [] : Array.isArray(p) ? [p] : parts(p, p.parts.length);
    }).then(function (lists) {
      var m = new Map();
      lists.forEach(function (l) { for (var c = 0; c < 6; c++) entries(l[c + 1], c, m); });
      decoded[g] = m;
      return m;
    });
  }
  // The lists of a facet value: one file, or for a value most datasets have,
  // its parts in catalogue order up to `limit` entries.
  function valueParts(p, i, limit) {
    var head = base + 'values/' + p + '/' + i;
    return cached(files, head + '.json').then(function (v) {
      if (Array.isArray(v)) return { lists: [v] };
      var urls = [], sum = 0;
      for (var k = 0; k < v.parts.length && sum < limit; k++) { urls.push(head + '-' + k + '.json'); sum += v.parts[k]; }
      return Promise.all(urls.map(function (u) { return cached(files, u); })).then(function (lists) {
        return { lists: lists, total: v.count, counts: v.facets };
      });
    });
  }
  // One term of one split gram and no filter: only the parts for the page,
  // with the count and facet counts the shard keeps. One filter value and no
  // query: likewise from the value's parts.
  // The query's one gram when it is one term of one or two characters and no filter is ticked.
  function oneGram(s) {
    var ts = terms(s.q);
    return ts.length === 1 && gramsOf(ts[0]).length === 1 && !Object.keys(s.filters).length ? ts[0] : null;
  }
  function splitPage(s, limit) {
    var ts = terms(s.q), chosen = Object.keys(s.filters), g = oneGram(s);
    if (!ts.length && chosen.length === 1 && s.filters[chosen[0]].length === 1) {
      var p = chosen[0], i = index.slugs[p][s.filters[p][0]];
      if (!(i >= 0)) return Promise.resolve(null);
      return valueParts(p, i, limit).then(function (v) {
        if (!v.counts) return null;
        var hits = [];
        v.lists.forEach(function (l) { entries(l[1], 0, new Map()).forEach(function (e, id) { hits.push([id, 0, false]); }); });
        return { hits: hits, total: v.total, counts: v.counts };
      });
    }
    if (!g) return Promise.resolve(null);
    return entry(g).then(function (p) {
      if (!p || Array.isArray(p)) return null;
      var need = 0, sum = 0;
      while (need < p.parts.length && sum < limit) sum += p.parts[need++];
      return parts(p, need).then(function (lists) {
        var hits = [];
        lists.forEach(function (l) {
          for (var c = 0; c < 6; c++) {
            var m = entries(l[c + 1], c, new Map());
            m.forEach(function (e, id) { hits.push([id, index.classes[c], false]); });
          }
        });
        return { hits: hits, total: p.count, counts: p.facets };
      });
    });
  }
  // The first results of a split gram alone, from its shard entry.
  function splitFirst(s) {
    var g = oneGram(s);
    if (!g) return Promise.resolve(null);
    return entry(g).then(function (p) {
      if (!p || Array.isArray(p) || !p.top) return null;
      var ids = [];
      for (var c = 0; c < 6; c++) entries(p.top[c + 1], c, new Map()).forEach(function (e, id) { ids.push(id); });
      return { ids: ids, total: p.count, counts: p.facets };
    });
  }
  // The datasets where a split gram starts the title: positions alone, in a file of their own.
  function startsOf(p) {
    if (!p.starts) return Promise.resolve(new Set());
    return cached(files, base + 'parts/' + p.file + '-starts.json').then(function (l) {
      var ids = new Set();
      positions(l[1], 0, function (id) { ids.add(id); });
      return ids;
    });
  }
  // The datasets a term matches, each with its score. One gram is exact; a
  // longer term needs all its pairs, in the weakest field any pair is in,
  // and is marked to be checked against the record.
  function term(t) {
    var all = gramsOf(t);
    return Promise.all(all.map(entry)).then(function (found) {
      // A pair too common for one shard (split into parts) costs much: a longer
      // term reads its other pairs, and its split pairs least common first while
      // they add up to SPLIT_READ (at least one when all are split); fewer pairs
      // only mean more candidates to check.
      var use = all.map(function (g, i) { return !found[i] || Array.isArray(found[i]); });
      var split = all.map(function (g, i) { return i; }).filter(function (i) { return !use[i]; });
      split.sort(function (a, b) { return found[a].count - found[b].count || a - b; });
      var spent = 0, none = use.indexOf(true) < 0;
      split.forEach(function (i, k) {
        var bytes = found[i].count * (index.codeWidth + 2);
        if ((none && k === 0) || spent + bytes <= SPLIT_READ) { use[i] = true; spent += bytes; }
      });
      var gs = all.filter(function (g, i) { return use[i]; });
      // A skipped first pair still says where the term may start a title.
      var starts = !use[0] && found[0] ? startsOf(found[0]) : Promise.resolve(null);
      return Promise.all([Promise.all(gs.map(gram)), starts]).then(function (r) { return [gs, r[0], r[1]]; });
    }).then(function (r) {
      var gs = r[0], maps = r[1], starts = r[2];
      var out = new Map(), exact = all.length === 1, first = gs.indexOf(all[0]) >= 0 ? decoded[all[0]] : null;
      maps.sort(function (a, b) { return a.size - b.size; });
      maps[0].forEach(function (e, id) {
        var worst = 0;
        for (var i = 0; i < maps.length; i++) {
          var other = maps[i].get(id);
          if (!other) return;
          worst = Math.max(worst, other[0]);
        }
        // An upper bound of the exact score (the term is in a field only if all
        // its pairs are), so once the results on screen are checked the order is exact.
        if (!exact) worst = worst <= 1 ? ((first ? first.get(id)[0] === 0 : !starts || starts.has(id)) ? 0 : 1) : worst;
        out.set(id, [index.classes[worst], !exact]);
      });
      return out;
    });
  }
  // The query's matches: [position, score, unchecked], before filters.
  function matches(s) {
    var ts = terms(s.q);
    if (ts.length) {
      return Promise.all(ts.map(term)).then(function (maps) {
        var out = [];
        maps[0].forEach(function (v, id) {
          var total = 0, unchecked = false;
          for (var i = 0; i < maps.length; i++) {
            var e = maps[i].get(id);
            if (!e) return;
            total += e[0]; unchecked = unchecked || e[1];
          }
          out.push([id, total, unchecked]);
        });
        return out;
      });
    }
    // Filters only: the lists of every chosen value (each says its facets).
    var wanted = [];
    Object.keys(s.filters).forEach(function (p) {
      s.filters[p].forEach(function (slug) { var i = index.slugs[p][slug]; if (i >= 0) wanted.push(valueParts(p, i, Infinity)); });
    });
    return Promise.all(wanted).then(function (found) {
      var all = new Map();
      found.forEach(function (v) { v.lists.forEach(function (l) { entries(l[1], 0, all); }); });
      var out = [];
      all.forEach(function (e, id) { out.push([id, 0, false]); });
      return out;
    });
  }
  function doc(id) {
    if (!docs[id]) docs[id] = cached(files, base + 'docs/' + id + '.json').then(function (d) {
      var orgs = index.facets.org.values;
      d.id = id;
      d.norm = fields(d[0], d[1], d[2], (orgs[d[5]] ? orgs[d[5]][1] : '') + ' ' + d[3]);
      loaded[id] = d;
      return d;
    });
    return docs[id];
  }
  // A result's record if it is here already: fetched, or its card from a shard
  // (title, keywords, excerpt, slug, date; the rest from the facet code).
  function known(id) {
    if (loaded[id]) return loaded[id];
    var c = cards[id];
    if (!c || !facetsOf[id]) return null;
    var d = [c[0], c[1], c[2], '', c[3], values(id, 'org')[0], values(id, 'theme'), values(id, 'format'), -1, values(id, 'open')[0], -1, c[4]];
    d.id = id;
    return d;
  }
  function record(m) { var d = known(m[0]); return d ? Promise.resolve(d) : doc(m[0]); }

  // The searched fields of a record, normalised.
  function fields(title, keywords, description, other) {
    return { title: norm(title), keywords: keywords ? norm(keywords).split(' ') : [], description: norm(description), other: norm(other) };
  }
  // One term's score in a record's fields (0: in none of them).
  function best(n, t) {
    if (n.title.indexOf(t) >= 0) return 100 + (n.title.indexOf(t) === 0 ? 20 : 0);
    if (n.keywords.some(function (k) { return k.indexOf(t) >= 0; })) return 40 + (n.keywords.indexOf(t) >= 0 ? 10 : 0);
    if (n.description.indexOf(t) >= 0) return 10;
    if (n.other.indexOf(t) >= 0) return 5;
    return 0;
  }
  function score(n, ts) {
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      var b = best(n, ts[i]);
      if (!b) return -1;
      total += b;
    }
    return total;
  }
  // The exact score from a shard's card when every term is in its fields; else
  // null (a term may still be in the field names, which only the record has).
  function cardScore(id, ts) {
    var c = cards[id];
    if (!c || !facetsOf[id]) return null;
    var org = index.facets.org.values[values(id, 'org')[0]];
    var total = score(fields(c[0], c[1], c[2], org ? org[1] : ''), ts);
    return total < 0 ? null : total;
  }

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

  function passes(id, filters, except) {
    for (var p in filters) {
      if (p === except) continue;
      var has = values(id, p);
      if (!filters[p].some(function (slug) { return has.indexOf(index.slugs[p][slug]) >= 0; })) return false;
    }
    return true;
  }

  // Checks unchecked matches against their records: the exact score, or out.
  var checked = {};
  function verify(list, ts) {
    var key = ts.join(' '), known = checked[key] = checked[key] || {};
    return Promise.all(list.map(function (m) {
      var fromCard = cardScore(m[0], ts);
      if (fromCard !== null) { known[m[0]] = fromCard; return null; }
      return doc(m[0]).then(function (d) { known[m[0]] = score(d.norm, ts); });
    })).then(function () { return known; });
  }
  function settle(matched, ts) {
    var known = checked[ts.join(' ')] || {};
    return matched.filter(function (m) {
      if (m[2] && known[m[0]] !== undefined) { m[1] = known[m[0]]; m[2] = false; }
      return m[1] >= 0;
    });
  }

  var token = 0;
  function render(s) {
    var active = isActive(s), mine = ++token;
    if (staticResults) staticResults.hidden = active;
    section.hidden = !active;
    if (none) none.hidden = true;
    if (!active) { updateCounts(s, null); status.textContent = ''; list.innerHTML = ''; return; }
    var ts = terms(s.q);
    var limit = catalogMode ? shown : HOME_LIMIT;
    // Whether this query's whole first page is on screen (an early draw then stays away).
    var complete = false;
    function counted(total, approx) {
      return total ? text(approx ? 'count-about' : 'count').replace('{n}', total.toLocaleString(text('number-locale') || undefined)) : text('none');
    }
    function show(records, said) {
      status.textContent = said;
      list.innerHTML = records.map(function (d) { return item(d, ts); }).join('');
    }
    // A gram in most datasets: its shard already names its first results and
    // carries their cards, so they are drawn before its parts arrive.
    splitFirst(s).then(function (f) {
      if (!f || mine !== token || complete) return;
      var first = f.ids.slice(0, Math.min(limit, FIRST)).map(known);
      if (!first.length || !first.every(Boolean)) return;
      updateCounts(s, null, f.counts);
      show(first, counted(f.total, false));
    }, function () {});
    splitPage(s, limit).then(function (split) {
      if (split) return split;
      return matches(s).then(function (found) {
        var matched = settle(found, ts);
        var hits = matched.filter(function (m) { return passes(m[0], s.filters, null); });
        hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return { hits: hits, total: hits.length, matched: matched };
      });
    }).then(function (result) {
      if (mine !== token) return;
      updateCounts(s, result.matched || null, result.counts);
      var hits = result.hits, total = result.total, page = hits.slice(0, limit);
      // A longer term's candidates are checked against their records (or cards):
      // the first screen's first, then it is drawn; then the rest of the page,
      // or every candidate when there are few (the count is then exact).
      var open = function (m) { return m[2]; };
      // While the first screen has unchecked results, the next six unchecked are
      // checked together (a candidate that fails lets the next one up).
      if (page.slice(0, SCREEN).some(open)) {
        return verify(hits.filter(open).slice(0, SCREEN), ts).then(function () { if (mine === token) render(s); });
      }
      var waiting = (result.matched || []).filter(open);
      var rest = waiting.length <= CHECK_ALL ? waiting : page.filter(open);
      if (rest.length) {
        Promise.all(page.slice(0, SCREEN).map(record)).then(function (records) {
          if (mine !== token || complete) return;
          show(records, text('checking'));
        }, function () {});
        return verify(rest, ts).then(function () { if (mine === token) render(s); });
      }
      // The first results are drawn as soon as their records (or cards) are here, the rest after.
      var drawn = 0;
      var draw = function (records, whole) {
        if (mine !== token || complete || (!whole && records.length <= drawn)) return;
        complete = whole;
        drawn = records.length;
        show(records, counted(total, hits.some(function (m) { return m[2]; })));
        if (!whole) return;
        if (!total && ts.length) showNone(s, ts, mine);
        more.hidden = !catalogMode || total <= limit;
        if (seeAll) {
          seeAll.hidden = catalogMode || total <= limit;
          seeAll.href = root + 'datasets/' + query(s);
        }
      };
      var here = page.map(function (m) { return known(m[0]); });
      if (here.every(Boolean)) return draw(here, true);
      var all = Promise.all(page.map(record));
      // The first screen (six: one round trip of records), then ten, then the page.
      [SCREEN, FIRST].forEach(function (n) {
        if (page.length <= n) return;
        if (here.slice(0, n).every(Boolean)) draw(here.slice(0, n), false);
        else Promise.all(page.slice(0, n).map(record)).then(function (records) { draw(records, false); }, function () {});
      });
      return all.then(function (records) { draw(records, true); });
    }).catch(fail);
  }

  // No results: close queries that have some, the themes and departments,
  // and the data request with the query filled in.
  function showNone(s, ts, mine) {
    if (!none) return;
    none.hidden = false;
    [['search-none-themes', 'theme', 'themes/'], ['search-none-orgs', 'org', 'organizations/']].forEach(function (l) {
      var ul = document.getElementById(l[0]);
      if (ul.children.length) return;
      ul.innerHTML = index.facets[l[1]].values.filter(function (v) { return v[2] > 0; }).map(function (v) {
        return '<li><a href="' + root + l[2] + encodeURIComponent(v[0]) + '/">' + escapeHTML(v[1]) + '</a> <span class="muted">' + v[2] + '</span></li>';
      }).join('');
    });
    var request = document.getElementById('search-none-request');
    if (request) {
      var plain = request.getAttribute('data-href') || request.getAttribute('href'), field = encodeURIComponent(request.getAttribute('data-field'));
      request.setAttribute('data-href', plain);
      request.href = plain.indexOf(field) >= 0 ? plain.replace(field, field + encodeURIComponent(s.q))
        : plain + (plain.indexOf('?') >= 0 ? '&' : '?') + 'q=' + encodeURIComponent(s.q);
    }
    var groups = (none.getAttribute('data-synonyms') || '').split('|').map(function (g) { return g.split(' ').filter(Boolean); });
    var variants = [];
    function add(q) { if (q && q !== ts.join(' ') && variants.indexOf(q) < 0) variants.push(q); }
    ts.forEach(function (t, i) {
      var cs = Array.from(t), alts = [];
      if (cs.length >= 3) { alts.push(cs.slice(1).join('')); alts.push(cs.slice(0, -1).join('')); }
      groups.forEach(function (g) {
        g.forEach(function (w) {
          if (t.indexOf(w) < 0) return;
          g.forEach(function (o) { if (o !== w) alts.push(t.replace(w, o)); });
        });
      });
      alts.forEach(function (a) { var q = ts.slice(); q[i] = a; add(q.join(' ')); });
      if (ts.length > 1) add(ts.filter(function (x, j) { return j !== i; }).join(' '));
    });
    var close = document.getElementById('search-close'), closeList = document.getElementById('search-close-list');
    close.hidden = true;
    Promise.all(variants.slice(0, 8).map(function (q) {
      var v = { q: q, filters: s.filters };
      // A split gram says its count without reading its parts.
      return splitPage(v, 0).then(function (split) {
        if (split) return [q, split.total];
        return matches(v).then(function (found) {
          return [q, found.filter(function (m) { return passes(m[0], s.filters, null); }).length];
        });
      });
    })).then(function (counts) {
      if (mine !== token) return;
      var found = counts.filter(function (c) { return c[1] > 0; }).slice(0, 5);
      closeList.innerHTML = found.map(function (c) {
        return '<li><a href="' + root + 'datasets/' + query({ q: c[0], filters: s.filters }) + '">' + escapeHTML(c[0]) + '</a> <span class="muted">' + c[1] + '</span></li>';
      }).join('');
      close.hidden = !found.length;
    }, function () {});
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
    // Themes and formats from the facet code, so a card drawn from a shard and
    // the record fetched later give the same HTML.
    (facetsOf[d.id] ? values(d.id, 'theme') : d[6]).forEach(function (t) { var v = f.theme.values[t]; if (v) html += '<span class="tag">' + escapeHTML(v[1]) + '</span>'; });
    (facetsOf[d.id] ? values(d.id, 'format') : d[7]).forEach(function (t) { var v = f.format.values[t]; if (v) html += '<span class="format">' + escapeHTML(v[1]) + '</span>'; });
    return html + '</p></li>';
  }

  // Counts per facet value among the query's matches with every other facet
  // applied, so a count says how many results ticking that box would add.
  // Without a query and without other filters, the catalogue's own counts.
  function updateCounts(s, matched, given) {
    if (!controls || !index) return;
    Array.prototype.forEach.call(controls.querySelectorAll('fieldset[data-facet]'), function (fs) {
      var p = fs.getAttribute('data-facet'), counts = {};
      var others = Object.keys(s.filters).some(function (q) { return q !== p; });
      if (given) {
        given[p].forEach(function (n, i) { counts[i] = n; });
      } else if (!matched || (!s.q && !others)) {
        index.facets[p].values.forEach(function (v, i) { counts[i] = v[2]; });
      } else {
        matched.forEach(function (m) {
          if (!passes(m[0], s.filters, p)) return;
          values(m[0], p).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
      }
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
      b.setAttribute('aria-label', chips.getAttribute('data-remove') + (chips.getAttribute('data-colon') || ': ') + legend + ' ' + name);
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
    if (isActive(s) || controls) load().then(function () { render(s); }, function () {});
    else render(s);
  }

  function changed(push) { shown = PAGE; apply(current(), push); }

  input.addEventListener('focus', load);
  // Typing replaces the URL's query (shareable, no history entry per key);
  // a submit or a facet change adds a history entry, so Back undoes it.
  // A word committed from an input method (how Chinese is typed) is searched
  // at once: there are no more keys to wait for. (Some browsers send one more
  // input event after the commit; it changes nothing.)
  var committed = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    if (input.value === committed) return;
    committed = null;
    timer = setTimeout(function () { changed('replace'); }, 120);
  });
  input.addEventListener('compositionend', function () {
    clearTimeout(timer);
    committed = input.value;
    changed('replace');
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
