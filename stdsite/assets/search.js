/* Chinese search for the standards site, behind Material's search UI.
 *
 * Material talks to a search "worker" with four messages (SETUP 0, READY 1, QUERY 2, RESULT 3)
 * and lets a site supply its own. We answer in the page itself: the index is plain text loaded
 * by a <script> tag (so it works from file:// with no network), and a query is a substring scan,
 * so 用车 finds 公务用车 and the last word of a query is never dropped. The index is loaded on
 * the first non-empty query, not on every page load.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  var OUT_OF_FORCE = ["replaced", "abolished"];       /* badge classes of 被代替, 废止, 已废止 */
  var index = null, loading = null, asked = [];      /* asked: every query Material sent (for tests) */

  function norm(s) { return (s.normalize ? s.normalize("NFKC") : s).toLowerCase(); }

  function baseUrl() {
    var el = document.getElementById("__config");
    var base = el ? JSON.parse(el.textContent).base : ".";
    return new URL((base || ".") + "/", location.href);
  }

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      window.__stdsearchLoad = function (data) {
        index = prepare(data);
        resolve(index);
      };
      var script = document.createElement("script");
      script.src = new URL("search/stdsearch.js", baseUrl()).href;
      script.onerror = function () { loading = null; reject(new Error("search index")); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function prepare(data) {
    var docs = [];
    data.pages.forEach(function (page) {
      var url = page[0], boost = page[1], sections = page[2], pageTitle = sections.length ? sections[0][1] : "";
      var status = page[3] || null;       /* [status, badge class] of a standard's or a document's page */
      sections.forEach(function (s, i) {
        docs.push({
          page: url, boost: boost, anchor: s[0], title: s[1], text: s[2], first: i === 0, pageTitle: pageTitle,
          status: status, nTitle: norm(s[1]), nText: norm(s[2])
        });
      });
    });
    return docs;
  }

  function terms(query) {
    var seen = {};
    return norm(query).split(/[\s,，、。;；:：!！?？()（）"“”'‘’《》「」\[\]]+/).filter(function (t) {
      if (!t || seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }

  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at !== -1 && n < 5) { n++; at = hay.indexOf(needle, at + needle.length); }
    return n;
  }

  /* Score one section for one term: a title hit is worth far more than body hits. */
  function scoreTerm(doc, t) {
    var inTitle = doc.nTitle.indexOf(t) !== -1;
    var hits = count(doc.nText, t);
    var s = 0;
    if (inTitle) s += 10 + 10 * t.length / Math.max(doc.nTitle.length, 1);
    s += hits * (1 + Math.min(t.length, 6) / 6);
    return { hit: inTitle || hits > 0, score: s };
  }

  /* Character bigrams of a long Chinese term, for phrases not found verbatim. */
  function bigrams(t) {
    var out = [];
    for (var i = 0; i + 2 <= t.length; i++) out.push(t.slice(i, i + 2));
    return out;
  }

  function search(query) {
    var ts = terms(query);
    if (!ts.length) return { items: [] };
    var pages = rank(ts, false);
    if (!pages.length) {
      /* nothing verbatim: match a long term by its bigrams (at least 60% of them) */
      var grams = [];
      ts.forEach(function (t) { grams = grams.concat(t.length > 2 ? bigrams(t) : [t]); });
      pages = rank(grams, true);
      ts = grams;
    }
    return { items: pages.slice(0, MAX_RESULTS).map(function (p) { return render(p, ts); }) };
  }

  function helpPage(p) { return /^help\//.test(p.page) ? 1 : 0; }

  function rank(ts, partial) {
    var byPage = {};
    index.forEach(function (doc) {
      var score = 0, hits = {};
      ts.forEach(function (t) {
        var r = scoreTerm(doc, t);
        if (r.hit) { hits[t] = true; score += r.score; }
      });
      var p = byPage[doc.page];
      if (!p) p = byPage[doc.page] = { page: doc.page, boost: doc.boost, title: doc.pageTitle, sections: [], hits: {}, score: 0, head: null };
      if (doc.first) p.head = doc;
      if (score > 0) {
        p.sections.push({ doc: doc, score: score });
        for (var k in hits) p.hits[k] = true;
      }
    });
    var need = partial ? Math.ceil(ts.length * 0.6) : ts.length;
    var out = [];
    for (var key in byPage) {
      var p = byPage[key];
      var n = Object.keys(p.hits).length;
      if (!p.sections.length || n < need) continue;
      p.sections.sort(function (a, b) { return b.score - a.score; });
      var headScore = 0;
      p.sections.forEach(function (s) { if (s.doc.first) headScore = s.score; });
      /* the page title counts double; other sections add a little each */
      p.score = p.boost * (headScore * 2 + p.sections[0].score +
        p.sections.slice(1, 6).reduce(function (a, s) { return a + s.score * 0.2; }, 0) + n * 5);
      /* a standard or document no longer in force ranks below the one that is */
      var status = (p.head || p.sections[0].doc).status;
      if (status && OUT_OF_FORCE.indexOf(status[1]) >= 0) p.score *= 0.6;
      out.push(p);
    }
    /* the editors' help (docs/help/) comes after every standard, clause and other page, whatever its score */
    out.sort(function (a, b) {
      return helpPage(a) - helpPage(b) || b.score - a.score || a.title.length - b.title.length;
    });
    return out;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Escape, then wrap every term in <mark>, working on the original text by normalised positions. */
  function highlight(text, ts) {
    var n = norm(text);
    if (n.length !== text.length) return escapeHtml(text);
    var marks = [];
    ts.forEach(function (t) {
      var at = n.indexOf(t);
      while (at !== -1) { marks.push([at, at + t.length]); at = n.indexOf(t, at + t.length); }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += escapeHtml(text.slice(pos, m[0])) + "<mark data-md-highlight>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  function snippet(text, ts) {
    var n = norm(text), first = -1;
    ts.forEach(function (t) { var at = n.indexOf(t); if (at !== -1 && (first === -1 || at < first)) first = at; });
    if (first === -1) first = 0;
    var start = Math.max(0, first - 30);
    var cut = text.slice(start, start + 160);
    return (start > 0 ? "…" : "") + cut + (start + 160 < text.length ? "…" : "");
  }

  function item(doc, score, ts, pageHits) {
    var termsMap = {};
    ts.forEach(function (t) { termsMap[t] = !!pageHits[t]; });
    return {
      location: doc.page + (doc.anchor ? "#" + doc.anchor : ""),
      title: highlight(doc.title, ts),
      text: highlight(snippet(doc.text, ts), ts),
      score: score,
      terms: termsMap
    };
  }

  /* the status a result's page has (现行, 被代替, 废止 …), as the badge the pages show */
  function badge(status) {
    if (!status) return "";
    return ' <span class="std-badge std-badge--' + escapeHtml(status[1]) + '">' + escapeHtml(status[0]) + "</span>";
  }

  function render(p, ts) {
    var head = p.head || p.sections[0].doc;
    var best = p.sections.filter(function (s) { return !s.doc.first; });
    var first = item(head, p.score, ts, p.hits);
    first.title += badge(head.status);
    var group = [first];
    best.forEach(function (s, i) {
      /* two best sections show a teaser; the rest fold under "more" */
      group.push(item(s.doc, i < 2 ? p.score : s.score, ts, p.hits));
    });
    return group;
  }

  /* The stand-in worker Material's bundle talks to. */
  function SearchWorker() {
    var target = document.createElement("span");
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.terminate = function () {};
    var self = this, latest = 0;
    function reply(data) {
      setTimeout(function () { self.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
    }
    this.postMessage = function (message) {
      if (message.type === SETUP) return reply({ type: READY });
      if (message.type !== QUERY) return;
      var query = message.data || "", ticket = ++latest;
      asked.push(query);
      if (!terms(query).length) return reply({ type: RESULT, data: { items: [] } });
      load().then(function () {
        if (ticket === latest) reply({ type: RESULT, data: search(query) });
      }, function () {
        reply({ type: RESULT, data: { items: [] } });
      });
    };
  }

  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    if (/workers\/search\.[^\/]*\.js/.test(String(url))) return new SearchWorker();
    return new NativeWorker(url, options);
  };
  /* Material reads the query on keyup. A Chinese input method sends key events for every pinyin
     letter while the text is still being composed (the box then holds "gong'wu"), and often none
     when the characters are committed. So: while composing, the query box's key events do not
     reach Material; the search runs on compositionend with the committed text, and on every input
     event outside a composition (typing, paste, a phone's keyboard that sends no keyup). */
  var composing = false;
  function isQuery(el) { return !!(el && el.getAttribute && el.getAttribute("data-md-component") === "search-query"); }
  function runQuery(el) { el.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
  document.addEventListener("compositionstart", function (ev) { if (isQuery(ev.target)) composing = true; }, true);
  document.addEventListener("compositionend", function (ev) {
    if (!isQuery(ev.target)) return;
    composing = false;
    runQuery(ev.target);
  }, true);
  document.addEventListener("keyup", function (ev) {
    if (isQuery(ev.target) && (composing || ev.isComposing || ev.keyCode === 229)) ev.stopImmediatePropagation();
  }, true);
  document.addEventListener("input", function (ev) {
    if (isQuery(ev.target) && !composing && !ev.isComposing) runQuery(ev.target);
  }, true);

  /* Start loading the index as soon as the search box gets focus (or its label is tapped), so it is
     usually ready before the first character is typed; pages that are only read never load it. */
  function warmUp(ev) {
    var el = ev.target;
    if (el && el.closest && (el.closest("[data-md-component=search-query]") || el.closest("label[for=__search]")))
      load().catch(function () {});
  }
  document.addEventListener("focusin", warmUp, true);
  document.addEventListener("pointerdown", warmUp, true);

  /* for tests and the benchmark */
  window.__stdsearch = { load: load, asked: asked,
                          search: function (q) { return load().then(function () { return search(q); }); } };
})();
