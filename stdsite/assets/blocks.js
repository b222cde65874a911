/* Interactivity for the visual blocks of standard pages (stdsite/render/blocks/ writes the HTML):
   checklists (score, verdict, answers kept in localStorage), criteria forms (达标判断 in the browser)
   and the full-size view of flowcharts. No framework, no network; every page works without it. */
(function () {
  "use strict";

  function num(text) {
    var value = parseFloat(text);
    return isFinite(value) ? value : 0;
  }

  function setVerdict(el, state, text) {
    el.setAttribute("data-state", state);
    el.textContent = text;
  }

  /* ---- checklists (inspection forms) -------------------------------------------------------
     Every item is answered 符合 (yes) / 不符合 (no) / 不适用 (na). The score is the points of 符合
     over the points of answered items that are not 不适用, as a whole percent rounded half up; the
     arithmetic is exact (decimal points are scaled to integers in BigInt), so 29/200 shows 15 and
     79.5 % never passes 80. No verdict until every item is answered; a 否决项 answered 不符合 fails. */
  var SCALE = 6;                                   /* render/blocks/parts.num() writes at most 6 decimals */

  function scaled(text) {                          /* "2.5" -> 2500000n; null when not a plain decimal */
    var m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(String(text));
    if (!m) return null;
    var frac = (m[2] || "").slice(0, SCALE);
    while (frac.length < SCALE) frac += "0";
    return BigInt(m[1] + frac);
  }

  /* items: [{points: "15", veto: true}], answers: ["yes" | "no" | "na" | null], passAt: "80" | null.
     Returns {answered, count, complete, percent (whole number or null), verdict ("合格" | "不合格" |
     null), vetoFailed (indexes of 否决项 answered 不符合)}. */
  function evaluateChecklist(items, answers, passAt) {
    var yes = BigInt(0), applicable = BigInt(0), answered = 0, vetoFailed = [];
    items.forEach(function (item, i) {
      var a = answers[i];
      if (a !== "yes" && a !== "no" && a !== "na") return;
      answered++;
      if (a === "na") return;
      var points = scaled(item.points) || BigInt(0);
      applicable += points;
      if (a === "yes") yes += points;
      else if (item.veto) vetoFailed.push(i);
    });
    var percent = null, reached = null;
    if (applicable > BigInt(0)) {
      var hundred = BigInt(100), two = BigInt(2);
      percent = Number((two * hundred * yes + applicable) / (two * applicable));   /* half up */
      if (passAt !== null && passAt !== undefined) {
        var limit = scaled(passAt);
        reached = limit !== null && hundred * yes * BigInt(Math.pow(10, SCALE)) >= limit * applicable;
      }
    }
    var complete = answered === items.length, verdict = null;
    if (complete) {
      if (vetoFailed.length) verdict = "不合格";
      else if (reached !== null) verdict = reached ? "合格" : "不合格";
    }
    return { answered: answered, count: items.length, complete: complete, percent: percent,
             verdict: verdict, vetoFailed: vetoFailed };
  }

  function storage() {
    try {
      var probe = "stdsite:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;      /* private mode or file:// restrictions: answers simply are not kept */
    }
  }

  var VALUES = ["yes", "no", "na"];

  function setupChecklist(root) {
    var key = root.getAttribute("data-checklist");
    var signature = root.getAttribute("data-signature");
    var rows = Array.prototype.slice.call(root.querySelectorAll(".std-checklist__item"));
    var items = rows.map(function (row) {
      return { points: row.getAttribute("data-points"), veto: row.hasAttribute("data-veto"),
               text: (row.querySelector(".std-checklist__text") || {}).textContent || "" };
    });
    var passAt = root.hasAttribute("data-pass") ? root.getAttribute("data-pass") : null;
    var progressEl = root.querySelector(".std-checklist__progress");
    var percentEl = root.querySelector(".std-checklist__percent");
    var verdictEl = root.querySelector(".std-checklist__verdict");
    var reasonEl = root.querySelector(".std-checklist__reason");
    var store = storage();

    function answers() {
      return rows.map(function (row) {
        var checked = row.querySelector("input[type=radio]:checked");
        return checked ? checked.value : null;
      });
    }

    function load() {
      if (!store) return;
      try {
        var saved = JSON.parse(store.getItem(key) || "null");
        /* only this form's own saves: an older tick-box save (no answers) or a changed checklist is ignored */
        if (!saved || saved.signature !== signature || !Array.isArray(saved.answers) ||
            saved.answers.length !== rows.length) return;
        rows.forEach(function (row, i) {
          var value = saved.answers[i];
          if (VALUES.indexOf(value) < 0) return;
          var input = row.querySelector('input[type=radio][value="' + value + '"]');
          if (input) input.checked = true;
        });
      } catch (e) { /* unreadable entry: ignore */ }
    }

    function save() {
      if (!store) return;
      var given = answers();
      try {
        if (given.some(function (a) { return a !== null; }))
          store.setItem(key, JSON.stringify({ signature: signature, answers: given }));
        else store.removeItem(key);
      } catch (e) { /* storage full: keep working without saving */ }
    }

    function update() {
      var given = answers();
      var r = evaluateChecklist(items, given, passAt);
      rows.forEach(function (row, i) { row.setAttribute("data-answer", given[i] || ""); });
      progressEl.textContent = "已检查 " + r.answered + "/" + r.count + " 项";
      percentEl.textContent = r.percent === null ? "—" : r.percent + "%";
      var reason = "";
      if (!r.complete) setVerdict(verdictEl, "pending", "未完成");
      else if (r.verdict) setVerdict(verdictEl, r.verdict === "合格" ? "pass" : "fail", r.verdict);
      else setVerdict(verdictEl, "none", "");
      if (r.complete && r.vetoFailed.length)
        reason = "否决项不符合：" + r.vetoFailed.map(function (i) { return items[i].text; }).join("；");
      else if (r.complete && r.percent === null) reason = "没有适用的检查项，不计分";
      reasonEl.textContent = reason;
    }

    load();
    update();
    root.addEventListener("change", function () { update(); save(); });
    var reset = root.querySelector(".std-checklist__reset");
    if (reset) reset.addEventListener("click", function () {
      root.querySelectorAll("input[type=radio]").forEach(function (input) { input.checked = false; });
      if (store) store.removeItem(key);
      update();
    });
  }

  /* ---- criteria (达标判断) --------------------------------------------------------------- */
  var EPS = 1e-9;
  function meets(op, x, item) {
    var v = num(item.getAttribute("data-value"));
    switch (op) {
      case ">=": return x >= v - EPS;
      case "<=": return x <= v + EPS;
      case ">": return x > v;
      case "<": return x < v;
      case "==": return Math.abs(x - v) <= EPS * Math.max(1, Math.abs(v));
      case "between":
        return x >= num(item.getAttribute("data-low")) - EPS && x <= num(item.getAttribute("data-high")) + EPS;
    }
    return false;
  }

  function setupCriteria(form) {
    var rule = form.getAttribute("data-rule") === "any" ? "any" : "all";
    var items = Array.prototype.slice.call(form.querySelectorAll(".std-criteria__item"));
    var overall = form.querySelector(".std-criteria__result");

    function update() {
      var passed = 0, failed = 0, empty = 0;
      items.forEach(function (item) {
        var input = item.querySelector("input");
        var out = item.querySelector(".std-criteria__verdict");
        var text = input.value.trim();
        if (text === "" || !isFinite(parseFloat(text))) {
          empty++;
          setVerdict(out, "pending", "待填写");
        } else if (meets(item.getAttribute("data-op"), parseFloat(text), item)) {
          passed++;
          setVerdict(out, "pass", "达标");
        } else {
          failed++;
          setVerdict(out, "fail", "不达标");
        }
      });
      if (rule === "all") {
        if (failed) setVerdict(overall, "fail", "不达标");
        else if (empty) setVerdict(overall, "pending", "待填写");
        else setVerdict(overall, "pass", "达标");
      } else {
        if (passed) setVerdict(overall, "pass", "达标");
        else if (empty) setVerdict(overall, "pending", "待填写");
        else setVerdict(overall, "fail", "不达标");
      }
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    update();
  }

  /* ---- flowcharts: full-size view ------------------------------------------------------- */
  var dialog = null;
  function zoomDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "std-zoom";
    dialog.setAttribute("aria-label", "全屏查看");
    dialog.innerHTML = '<div class="std-zoom__bar"><span class="std-zoom__title"></span>' +
      '<button type="button" class="md-button std-zoom__close">关闭</button></div><div class="std-zoom__body"></div>';
    dialog.querySelector(".std-zoom__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) dialog.close();
      if (e.target.closest && e.target.closest("a")) dialog.close();   /* a clause link: go there */
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  function openChart(box) {
    var svg = box.querySelector("svg");
    if (!svg) return;
    var d = zoomDialog();
    var copy = svg.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.setAttribute("id", "zoom-" + el.getAttribute("id")); });
    d.querySelector(".std-zoom__title").textContent = box.getAttribute("data-zoom-title") || "";
    var body = d.querySelector(".std-zoom__body");
    body.innerHTML = "";
    body.appendChild(copy);
    if (typeof d.showModal === "function") d.showModal(); else d.setAttribute("open", "");
  }

  function setupChart(box) {
    box.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) return;   /* clause links keep working */
      openChart(box);
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Enter") openChart(box);
    });
    var tools = box.nextElementSibling;
    var button = tools && tools.querySelector(".std-flow__zoom");
    if (button) button.addEventListener("click", function () { openChart(box); });
  }

  function setup() {
    document.querySelectorAll(".std-checklist[data-checklist]").forEach(function (root) {
      try { setupChecklist(root); } catch (e) { /* a browser without BigInt: the form stays a plain form */ }
    });
    document.querySelectorAll("form.std-criteria").forEach(setupCriteria);
    document.querySelectorAll(".flowchart").forEach(setupChart);
  }

  /* for tests: the scoring rules as a pure function */
  window.stdsiteChecklist = { evaluate: evaluateChecklist };

  /* Material's instant navigation swaps pages without reloading: hook its document$ when present */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState !== "loading") setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
