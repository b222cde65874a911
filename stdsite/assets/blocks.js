/* Interactivity for the forms of standard pages (stdsite/render/blocks/ writes the HTML): checklists
   (score, verdict, answers kept in localStorage with their day) and criteria forms (达标判断 in the
   browser); flowchart.js has the pan-and-zoom view of flowcharts. No framework, no network; every
   page works without it. */
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

  /* the local calendar day, "2025-06-30": answers are kept with the day their check began */
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function dayText(day) {                          /* "2025-06-30" -> "2025年6月30日" */
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : "";
  }

  /* A saved form {signature, day, values}: today's is restored as it is; an older day's is not
     shown as today's check, the form starts blank and offers 继续上次的检查（date）. */
  function savedForm(store, key, signature, valid) {
    if (!store) return null;
    try {
      var saved = JSON.parse(store.getItem(key) || "null");
      if (!saved || saved.signature !== signature || !valid(saved)) return null;
      if (typeof saved.day !== "string" || !dayText(saved.day)) saved.day = null;   /* saved before days were kept */
      return saved;
    } catch (e) { return null; }      /* unreadable entry: ignore */
  }

  /* the line under a form: the day of the check on the page, or the offer to continue an older one */
  function sessionLine(root, before, onContinue) {
    var line = document.createElement("p");
    line.className = "std-session std-noprint";
    line.setAttribute("data-search-exclude", "");
    var text = document.createElement("span");
    var resume = document.createElement("button");
    resume.type = "button";
    resume.className = "md-button std-session__continue";
    line.appendChild(text);
    line.appendChild(resume);
    before.parentNode.insertBefore(line, before);
    resume.addEventListener("click", onContinue);
    return {
      show: function (day, offer) {
        line.setAttribute("data-state", offer ? "offer" : (day ? "current" : "empty"));
        resume.hidden = !offer;
        if (offer) {
          text.textContent = "新的检查，尚未作答。";
          resume.textContent = "继续上次的检查（" + (offer.day ? dayText(offer.day) : "日期不详") + "）";
        } else if (day === undefined) text.textContent = "";
        else text.textContent = "检查日期：" + (day ? dayText(day) : "不详") + (day !== today() ? "（上次的检查，不是今天）" : "");
      }
    };
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
    var day = null, older = null;      /* the day of the check shown; an older day's saved check */

    function answers() {
      return rows.map(function (row) {
        var checked = row.querySelector("input[type=radio]:checked");
        return checked ? checked.value : null;
      });
    }

    function show(values) {
      rows.forEach(function (row, i) {
        row.querySelectorAll("input[type=radio]").forEach(function (input) { input.checked = input.value === values[i]; });
      });
    }

    function save() {
      if (!store) return;
      var given = answers();
      try {
        if (given.some(function (a) { return a !== null; }))
          store.setItem(key, JSON.stringify({ signature: signature, day: day, answers: given }));
        else store.removeItem(key);
      } catch (e) { /* storage full: keep working without saving */ }
    }

    var session = sessionLine(root, root.querySelector(".std-checklist__tools"), function () {
      if (!older) return;
      day = older.day;
      show(older.answers);
      older = null;
      update();
    });

    /* the printed sign line: blanks to fill by hand, or this check's score, verdict and date */
    function fillSign(r, answeredAny) {
      root.querySelectorAll("[data-sign]").forEach(function (el) {
        if (!el.hasAttribute("data-blank")) el.setAttribute("data-blank", el.textContent);
        var what = el.getAttribute("data-sign"), text = el.getAttribute("data-blank");
        if (answeredAny) {
          if (what === "score") text = r.percent === null ? "—" : String(r.percent);
          else if (what === "verdict")
            text = !r.complete ? "未完成（已检查 " + r.answered + "/" + r.count + " 项）" :
              (r.verdict || "—");
          else if (what === "date") text = dayText(day) || text;
        }
        el.textContent = text;
      });
    }

    function update() {
      var given = answers();
      var r = evaluateChecklist(items, given, passAt);
      var answeredAny = r.answered > 0;
      root.toggleAttribute("data-answered", answeredAny);
      rows.forEach(function (row, i) { row.setAttribute("data-answer", given[i] || ""); });
      progressEl.textContent = "已检查 " + r.answered + "/" + r.count + " 项";
      percentEl.textContent = r.percent === null ? "—" : r.percent + "%";
      var reason = "";
      if (!r.complete) setVerdict(verdictEl, "pending", "未完成");
      else if (r.verdict) setVerdict(verdictEl, r.verdict === "合格" ? "pass" : "fail", r.verdict);
      else setVerdict(verdictEl, "none", "");
      /* the verdict waits for the last answer (SOURCE_FORMAT), but a failed 否决项 is said at once:
         whatever the rest gives, the result will be 不合格 */
      if (r.vetoFailed.length)
        reason = "否决项不符合：" + r.vetoFailed.map(function (i) { return items[i].text; }).join("；") +
          (r.complete ? "" : "（无论其余各项结果如何，检查完后均判为不合格）");
      else if (r.complete && r.percent === null) reason = "没有适用的检查项，不计分";
      reasonEl.textContent = reason;
      session.show(answeredAny ? day : undefined, answeredAny ? null : older);
      fillSign(r, answeredAny);
    }

    var saved = savedForm(store, key, signature, function (s) {
      return Array.isArray(s.answers) && s.answers.length === rows.length &&
        s.answers.every(function (a) { return a === null || VALUES.indexOf(a) >= 0; });
    });
    if (saved && saved.day === today()) { day = saved.day; show(saved.answers); }
    else if (saved) older = saved;
    update();
    root.addEventListener("change", function () {
      if (!answers().some(function (a) { return a !== null; })) day = null;
      else if (!day) { day = today(); older = null; }      /* the first answer begins a check today */
      update();
      save();
    });
    var reset = root.querySelector(".std-checklist__reset");
    if (reset) reset.addEventListener("click", function () {
      show([]);
      day = null;
      older = null;
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

  /* A criteria form: a verdict per item and overall as values are typed; the values are kept in the
     browser with the day they were entered, like a checklist's answers (an older day's values are
     offered with 继续上次的检查, not shown as today's). A field with min="0" never holds a negative. */
  function setupCriteria(form) {
    var rule = form.getAttribute("data-rule") === "any" ? "any" : "all";
    var items = Array.prototype.slice.call(form.querySelectorAll(".std-criteria__item"));
    var inputs = items.map(function (item) { return item.querySelector("input"); });
    var overall = form.querySelector(".std-criteria__result");
    var key = form.getAttribute("data-criteria"), signature = form.getAttribute("data-signature");
    var store = key ? storage() : null;
    var day = null, older = null;

    function values() { return inputs.map(function (input) { return input.value.trim(); }); }

    function clamp(input) {
      var low = input.getAttribute("min");
      if (low === null || input.value.trim() === "") return;
      var x = parseFloat(input.value);
      if (isFinite(x) && x < parseFloat(low)) input.value = low;
    }

    function update() {
      var passed = 0, failed = 0, empty = 0;
      items.forEach(function (item, i) {
        var out = item.querySelector(".std-criteria__verdict");
        var text = inputs[i].value.trim();
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
      var any = values().some(function (v) { return v !== ""; });
      if (session) session.show(any ? day : undefined, any ? null : older);
    }

    function save() {
      if (!store) return;
      var given = values();
      try {
        if (given.some(function (v) { return v !== ""; }))
          store.setItem(key, JSON.stringify({ signature: signature, day: day, values: given }));
        else store.removeItem(key);
      } catch (e) { /* storage full: keep working without saving */ }
    }

    function show(given) { inputs.forEach(function (input, i) { input.value = given[i] || ""; }); }

    var session = store ? sessionLine(form, form.querySelector(".std-criteria__tools"), function () {
      if (!older) return;
      day = older.day;
      show(older.values);
      older = null;
      update();
    }) : null;

    function edited(e) {
      if (e && e.target && e.target.tagName === "INPUT") clamp(e.target);
      var any = values().some(function (v) { return v !== ""; });
      if (!any) day = null;
      else if (!day) { day = today(); older = null; }
      update();
      save();
    }

    var saved = savedForm(store, key, signature, function (s) {
      return Array.isArray(s.values) && s.values.length === inputs.length &&
        s.values.every(function (v) { return typeof v === "string"; });
    });
    if (saved && saved.day === today()) { day = saved.day; show(saved.values); }
    else if (saved) older = saved;

    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    form.addEventListener("reset", function () {
      day = null;
      older = null;
      if (store) store.removeItem(key);
      setTimeout(update, 0);
    });
    update();
  }

  function setup() {
    document.querySelectorAll(".std-checklist[data-checklist]").forEach(function (root) {
      try { setupChecklist(root); } catch (e) { /* a browser without BigInt: the form stays a plain form */ }
    });
    document.querySelectorAll("form.std-criteria").forEach(setupCriteria);
  }

  /* for tests: the scoring rules as a pure function */
  window.stdsiteChecklist = { evaluate: evaluateChecklist };

  /* Material's instant navigation swaps pages without reloading: hook its document$ when present */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState !== "loading") setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
