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
  // The query's one gram when it is one term of one or two characters and no filter is ticked.
  function oneGram(s) {
    var ts = terms(s.q);
    return ts.length === 1 && gramsOf(ts[0]).length === 1 && !Object.keys(s.filters).length ? ts[0] : null;
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
  // A query is a set of constraints: each term, and each facet with ticked
  // values (several values of one facet: any of them). A *listed* constraint
  // has every dataset it holds here, with facet codes (a gram in one shard, a
  // longer term's candidates, a facet's short lists). A *large* one (a split
  // gram, a value most datasets have) gives its count and facet counts, and is
  // read in parts, tested per candidate (a gram by its classes file, a facet by
  // the candidate's code) or subtracted (the few datasets it leaves out).
  // docs/search.md, "Several terms and filters".
  var NONE = 6, PASS = [0, false];
  var HALF = function () { return Math.ceil(index.count / 2) + 16; };
  var ENTRY = function () { return index.codeWidth + 2; };
  function byScore(a, b) { return b[1] - a[1] || a[0] - b[0]; }
  function zeros(p) { return index.facets[p].values.map(function () { return 0; }); }
  function catalogueCounts() {
    var out = {};
    Object.keys(COLUMNS).forEach(function (p) { out[p] = index.facets[p].values.map(function (v) { return v[2]; }); });
    return out;
  }
  function countsOfList(m) {
    var out = {};
    Object.keys(COLUMNS).forEach(function (p) { out[p] = zeros(p); });
    m.forEach(function (e, id) { Object.keys(COLUMNS).forEach(function (p) { values(id, p).forEach(function (v) { out[p][v]++; }); }); });
    return out;
  }
  function scored(m, exact) {
    var out = new Map();
    m.forEach(function (e, id) { out.set(id, exact ? [index.classes[e[0]], false] : PASS); });
    return out;
  }
  function smallest(list) {
    return list.reduce(function (a, c) { return !a || c.size < a.size ? c : a; }, null);
  }
  function termConstraint(t) {
    var gs = gramsOf(t);
    var listed = function () { return term(t).then(function (m) { return { term: t, listed: m, size: m.size }; }); };
    if (gs.length > 1) return listed();
    return entry(gs[0]).then(function (p) {
      if (!p || Array.isArray(p)) return listed();
      return { term: t, gram: gs[0], head: p, size: p.count, counts: p.facets, bytes: p.count * ENTRY(),
               without: p.without, withoutURL: base + 'parts/' + p.file + '-without.json',
               withURL: p['with'] ? base + 'parts/' + p.file + '-with.json' : null };
    });
  }
  function facetConstraint(p, slugs) {
    var ids = [];
    slugs.forEach(function (slug) { var i = index.slugs[p][slug]; if (i >= 0 && ids.indexOf(i) < 0) ids.push(i); });
    return Promise.all(ids.map(function (i) { return cached(files, base + 'values/' + p + '/' + i + '.json'); })).then(function (heads) {
      var c = { facet: p, values: ids, heads: heads };
      if (heads.every(Array.isArray)) {
        var m = new Map();
        heads.forEach(function (l) { entries(l[1], 0, m); });
        c.listed = scored(m, false);
        c.size = m.size;
        return c;
      }
      c.size = heads.reduce(function (n, h) { return n + (Array.isArray(h) ? h[0] : h.count); }, 0);
      c.bytes = c.size * ENTRY();
      if (heads.length === 1) {
        c.counts = heads[0].facets;
        c.without = heads[0].without;
        c.withoutURL = base + 'values/' + p + '/' + ids[0] + '-without.json';
      } else if (index.sets[p]) {
        // Values a dataset may have several of: the combinations holding any of them, added up.
        return cached(files, base + 'values/' + p + '/sets.json').then(function (sets) {
          c.size = 0;
          c.counts = {};
          Object.keys(COLUMNS).forEach(function (q) { c.counts[q] = zeros(q); });
          sets.forEach(function (set, k) {
            if (!index.sets[p][k].some(function (v) { return ids.indexOf(v) >= 0; })) return;
            c.size += set.count;
            Object.keys(COLUMNS).forEach(function (q) { set.facets[q].forEach(function (n, v) { c.counts[q][v] += n; }); });
          });
          return c;
        });
      } else {
        // Values of a facet a dataset has one of never overlap: their counts add up.
        c.counts = {};
        Object.keys(COLUMNS).forEach(function (q) { c.counts[q] = zeros(q); });
        heads.forEach(function (h) {
          var part = Array.isArray(h) ? countsOfList(entries(h[1], 0, new Map())) : h.facets;
          Object.keys(COLUMNS).forEach(function (q) { part[q].forEach(function (n, v) { c.counts[q][v] += n; }); });
        });
      }
      return c;
    });
  }
  function constraints(s) {
    var list = terms(s.q).map(termConstraint);
    Object.keys(s.filters).forEach(function (p) { list.push(facetConstraint(p, s.filters[p])); });
    return Promise.all(list);
  }

  // A split gram's class for every dataset (NONE: without it), decoded once;
  // a split gram in fewer datasets than that file has bytes is read whole.
  var DIGIT = {}, states = {};
  DIGITS.split('').forEach(function (d, i) { DIGIT[d] = i; });
  function testCost(c) { return c.head.classes ? HALF() : c.bytes; }
  function classesOf(c) {
    if (!c.head.classes) return gram(c.gram).then(function (m) { c.map = scored(m, true); return c; });
    var url = base + 'parts/' + c.head.file + '-classes.json';
    if (states[url]) { c.states = states[url]; return Promise.resolve(c); }
    return cached(files, url).then(function (l) {
      var text = l[1], out = new Uint8Array(text.length * 2);
      for (var i = 0; i < text.length; i++) {
        var v = DIGIT[text.charAt(i)];
        out[2 * i] = (v / 7) | 0;
        out[2 * i + 1] = v % 7;
      }
      c.states = states[url] = out;
      return c;
    });
  }
  // Whether a dataset meets a constraint: its score and whether it is unchecked, or null.
  function test(c, id) {
    if (c.listed) return c.listed.get(id) || null;
    if (c.gram) {
      if (!c.states) return c.map.get(id) || null;
      var st = c.states[id];
      return st < NONE ? [index.classes[st], false] : null;
    }
    if (c.members) {
      for (var j = 0; j < c.members.length; j++) if (c.members[j](id)) return PASS;
      return null;
    }
    var has = values(id, c.facet);
    for (var i = 0; i < c.values.length; i++) if (has.indexOf(c.values[i]) >= 0) return PASS;
    return null;
  }
  // Which datasets have a facet's ticked values, without their codes: a bit per
  // dataset for a value in parts, the list of a value that has one.
  function membersOf(c) {
    return Promise.all(c.values.map(function (v, i) {
      var h = c.heads[i];
      if (Array.isArray(h)) {
        var m = entries(h[1], 0, new Map());
        return function (id) { return m.has(id); };
      }
      return cached(files, base + 'values/' + c.facet + '/' + v + '-members.json').then(function (l) {
        var bits = l[1];
        return function (id) { return (DIGIT[bits.charAt((id / 6) | 0)] >> (id % 6)) & 1; };
      });
    })).then(function (members) { c.members = members; return c; });
  }
  // A large constraint read whole: every part of a split gram, every list of the values.
  function materialize(c) {
    var done = function (m) {
      var out = {};
      Object.keys(c).forEach(function (k) { out[k] = c[k]; });
      out.listed = m;
      out.size = m.size;
      return out;
    };
    if (c.gram) return gram(c.gram).then(function (m) { return done(scored(m, true)); });
    return Promise.all(c.values.map(function (i) { return valueParts(c.facet, i, Infinity); })).then(function (found) {
      var m = new Map();
      found.forEach(function (v) { v.lists.forEach(function (l) { entries(l[1], 0, m); }); });
      return done(scored(m, false));
    });
  }
  function swap(cs, c, m) { return cs.map(function (o) { return o === c ? m : o; }); }
  // The datasets a large constraint leaves out (their facet codes are kept).
  function complement(c) {
    if (!c.without) return Promise.resolve([]);
    return cached(files, c.withoutURL).then(function (l) {
      var ids = [];
      entries(l[1], 0, new Map()).forEach(function (e, id) { ids.push(id); });
      return ids;
    });
  }

  // Every dataset of the driver tested against the other constraints: the
  // results, and the facet counts. A facet's own counts are those with every
  // other constraint met, so a candidate failing that facet alone counts
  // there; when the driver is that facet, they come from the others alone.
  // Returns { hits, total, counts, matched }; `display` false: counts over
  // the results themselves, for every facet.
  function drive(cs, d, ts, display) {
    var large = cs.filter(function (c) { return c !== d && c.gram && !c.listed; });
    return Promise.all(large.map(classesOf)).then(function () {
      var matched = [];
      d.listed.forEach(function (v, id) {
        var total = 0, unchecked = false, failed = null;
        for (var i = 0; i < cs.length; i++) {
          var c = cs[i], e = c === d ? v : test(c, id);
          if (!e) {
            if (c.facet === undefined || failed) return;
            failed = c;
            continue;
          }
          total += e[0];
          unchecked = unchecked || e[1];
        }
        matched.push([id, total, unchecked, failed]);
      });
      matched = settle(matched, ts);
      var hits = matched.filter(function (m) { return !m[3]; });
      hits.sort(byScore);
      var over = {}, shown = {};
      Object.keys(COLUMNS).forEach(function (p) {
        var own = null;
        cs.forEach(function (c) { if (c.facet === p) own = c; });
        var all = zeros(p), near = zeros(p);
        matched.forEach(function (m) {
          if (m[3] && m[3] !== own) return;
          values(m[0], p).forEach(function (v) { near[v]++; if (!m[3]) all[v]++; });
        });
        over[p] = all;
        shown[p] = near;
      });
      var result = { hits: hits, total: hits.length, counts: display ? shown : over, matched: matched };
      if (!display || d.facet === undefined) return result;
      return countsOf(cs.filter(function (c) { return c !== d; }), ts).then(function (x) {
        result.counts[d.facet] = x.counts[d.facet];
        return result;
      });
    });
  }
  // How to count a set of large constraints: from one with known counts, less
  // the datasets the others leave out (base), or by reading the cheapest whole.
  function countsPlan(cs) {
    var base = null, cost = Infinity;
    cs.forEach(function (b) {
      if (!b.counts) return;
      var bytes = b.gram ? testCost(b) : 0;
      for (var i = 0; i < cs.length; i++) {
        if (cs[i] === b) continue;
        if (cs[i].without === undefined) return;
        bytes += cs[i].without * ENTRY();
      }
      if (bytes < cost) { cost = bytes; base = b; }
    });
    var whole = null, wholeCost = Infinity;
    cs.forEach(function (c) {
      var bytes = c.bytes;
      cs.forEach(function (o) { if (o !== c && o.gram) bytes += testCost(o); });
      if (bytes < wholeCost) { wholeCost = bytes; whole = c; }
    });
    return base && cost <= wholeCost ? { base: base } : { whole: whole };
  }
  // A split gram and one large facet whose values it has counts with (`with`):
  // several values only of a facet a dataset has one of, so they add up.
  function paired(cs) {
    if (cs.length !== 2) return null;
    var holds = function (c) {
      return c.gram ? c.withURL : c.values.length === 1 && c.heads[0]['with'] ? base + 'values/' + c.facet + '/' + c.values[0] + '-with.json' : null;
    };
    var counted = function (f) {
      return f.facet !== undefined && !f.listed && (f.values.length === 1 || !index.sets[f.facet])
        && f.heads.every(function (h) { return !Array.isArray(h); });
    };
    for (var i = 0; i < 2; i++) {
      var h = cs[i], f = cs[1 - i];
      if (holds(h) && counted(f)) return { url: holds(h), facet: f };
    }
    return null;
  }
  function pairCounts(pair) {
    return cached(files, pair.url).then(function (w) {
      var out = { total: 0, counts: {} };
      Object.keys(COLUMNS).forEach(function (p) { out.counts[p] = zeros(p); });
      pair.facet.values.forEach(function (v) {
        var x = w[pair.facet.facet + '/' + v];
        out.total += x.count;
        Object.keys(COLUMNS).forEach(function (p) { x.facets[p].forEach(function (n, i) { out.counts[p][i] += n; }); });
      });
      return out;
    });
  }
  // The number of datasets meeting every constraint, and their facet counts.
  function countsOf(cs, ts) {
    if (!cs.length) return Promise.resolve({ total: index.count, counts: catalogueCounts() });
    var d = smallest(cs.filter(function (c) { return c.listed; }));
    if (d) return drive(cs, d, ts, false);
    if (cs.length === 1 && cs[0].counts) return Promise.resolve({ total: cs[0].size, counts: cs[0].counts });
    var pair = paired(cs);
    if (pair && !countsPlan(cs).base) return pairCounts(pair);
    var plan = countsPlan(cs);
    if (!plan.base) {
      return materialize(plan.whole).then(function (m) { return drive(swap(cs, plan.whole, m), m, ts, false); });
    }
    var b = plan.base, others = cs.filter(function (c) { return c !== b; });
    return Promise.all(others.map(complement).concat(b.gram ? [classesOf(b)] : [])).then(function (lists) {
      var out = new Set();
      others.forEach(function (o, i) { lists[i].forEach(function (id) { if (test(b, id)) out.add(id); }); });
      var counts = {};
      Object.keys(COLUMNS).forEach(function (p) { counts[p] = b.counts[p].slice(); });
      out.forEach(function (id) {
        Object.keys(COLUMNS).forEach(function (p) { values(id, p).forEach(function (v) { counts[p][v]--; }); });
      });
      return { total: b.size - out.size, counts: counts };
    });
  }
  // Counts as the filters show them: a facet's own with every other constraint.
  function shownCounts(cs, ts) {
    var own = cs.filter(function (c) { return c.facet !== undefined; });
    return Promise.all([countsOf(cs, ts)].concat(own.map(function (c) {
      return countsOf(cs.filter(function (o) { return o !== c; }), ts);
    }))).then(function (r) {
      var counts = {};
      Object.keys(COLUMNS).forEach(function (p) { counts[p] = r[0].counts[p]; });
      own.forEach(function (c, i) { counts[c.facet] = r[i + 1].counts[c.facet]; });
      return { total: r[0].total, counts: counts };
    });
  }
  // A large constraint's parts in order until `limit` datasets meet every other
  // constraint (here facets, tested by the codes the parts carry): a gram's
  // parts in rank order; a facet's values' lists in catalogue order, merged,
  // each read a part at a time, so a dataset is final once every list still
  // being read has passed it.
  function scan(c, cs, limit) {
    var others = cs.filter(function (o) { return o !== c; });
    var meets = function (id) {
      for (var i = 0; i < others.length; i++) if (!test(others[i], id)) return false;
      return true;
    };
    if (c.gram) {
      var hits = [], at = 0;
      var next = function () {
        if (hits.length >= limit || at >= c.head.parts.length) return Promise.resolve(hits);
        return cached(files, base + 'parts/' + c.head.file + '-' + at++ + '.json').then(function (l) {
          for (var cls = 0; cls < 6; cls++) {
            entries(l[cls + 1], cls, new Map()).forEach(function (e, id) { if (meets(id)) hits.push([id, index.classes[cls], false]); });
          }
          return next();
        });
      };
      return next();
    }
    var lists = c.values.map(function (v, i) {
      var h = c.heads[i], head = base + 'values/' + c.facet + '/' + v;
      return Array.isArray(h) ? { urls: [], ids: [h], last: -1 }
        : { urls: h.parts.map(function (n, k) { return head + '-' + k + '.json'; }), ids: [], last: -1 };
    });
    var found = new Set();
    var step = function () {
      var open = lists.filter(function (l) { return l.urls.length; }), frontier = Infinity;
      open.forEach(function (l) { frontier = Math.min(frontier, l.last); });
      var ready = [];
      found.forEach(function (id) { if (id <= frontier) ready.push(id); });
      if (ready.length >= limit || !open.length) {
        ready.sort(function (a, b) { return a - b; });
        return Promise.resolve(ready.map(function (id) { return [id, 0, false]; }));
      }
      var l = open.reduce(function (a, b) { return a.last <= b.last ? a : b; });
      return cached(files, l.urls.shift()).then(function (part) { l.ids.push(part); return take(); });
    };
    var take = function () {
      lists.forEach(function (l) {
        while (l.ids.length) {
          entries(l.ids.shift()[1], 0, new Map()).forEach(function (e, id) {
            l.last = id;
            if (meets(id)) found.add(id);
          });
        }
      });
      return step();
    };
    return take();
  }
  // The results (at least `limit` of them, in rank order), their number and the facet counts.
  function evaluate(s, limit) {
    var ts = terms(s.q);
    return constraints(s).then(function (cs) {
      var d = smallest(cs.filter(function (c) { return c.listed; }));
      if (d) return drive(cs, d, ts, true);
      // Every constraint is large.
      var words = cs.filter(function (c) { return c.term !== undefined; });
      var bits = cs.every(function (c) {
        return c.term !== undefined || c.heads.every(function (h) { return Array.isArray(h) || h.members; });
      });
      if (words.length >= 2 && bits) {
        // Several terms: every dataset's classes for each, added up, and the filters' bits.
        return Promise.all(cs.map(function (c) { return c.term !== undefined ? classesOf(c) : membersOf(c); })).then(function () {
          var hits = [];
          for (var id = 0; id < index.count; id++) {
            var total = 0, i;
            for (i = 0; i < cs.length; i++) {
              var e = test(cs[i], id);
              if (!e) break;
              total += e[0];
            }
            if (i === cs.length) hits.push([id, total, false]);
          }
          hits.sort(byScore);
          return shownCounts(cs, ts).then(function (c) { return { hits: hits, total: hits.length, counts: c.counts, matched: null }; });
        });
      }
      var scanner = words.length === 1 ? words[0] : words.length ? null : smallest(cs);
      var plan = countsPlan(cs);
      if (!scanner || (cs.length > 1 && !plan.base && !paired(cs))) {
        return materialize(plan.whole).then(function (m) { return drive(swap(cs, plan.whole, m), m, ts, true); });
      }
      return Promise.all([scan(scanner, cs, limit), shownCounts(cs, ts)]).then(function (r) {
        return { hits: r[0], total: r[1].total, counts: r[1].counts, matched: null };
      });
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
      updateCounts(s, f.counts);
      show(first, counted(f.total, false));
    }, function () {});
    evaluate(s, limit).then(function (result) {
      if (mine !== token) return;
      updateCounts(s, result.counts);
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
      // A large set says its count without reading its parts.
      return evaluate(v, 0).then(function (r) { return [q, r.total]; });
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
  // applied, so a count says how many results ticking that box would add
  // (`evaluate`). Without a query and without filters, the catalogue's own.
  function updateCounts(s, given) {
    if (!controls || !index) return;
    Array.prototype.forEach.call(controls.querySelectorAll('fieldset[data-facet]'), function (fs) {
      var p = fs.getAttribute('data-facet'), counts = {};
      if (given) given[p].forEach(function (n, i) { counts[i] = n; });
      else index.facets[p].values.forEach(function (v, i) { counts[i] = v[2]; });
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
