/* Interactivity for the visual blocks of standard pages (stdsite/render/visual.py writes the HTML):
   checklists (score, verdict, ticks kept in localStorage), criteria forms (达标判断 in the browser)
   and the full-size view of flowcharts. No framework, no network; every page works without it. */
(function () {
  "use strict";

  function num(text) {
    var value = parseFloat(text);
    return isFinite(value) ? value : 0;
  }

  function fmt(value) {
    return String(Math.round(value * 100) / 100);
  }

  function setVerdict(el, state, text) {
    el.setAttribute("data-state", state);
    el.textContent = text;
  }

  /* ---- checklists ---------------------------------------------------------------------- */
  function storage() {
    try {
      var probe = "stdsite:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;      /* private mode or file:// restrictions: ticks simply are not kept */
    }
  }

  function setupChecklist(root) {
    var key = root.getAttribute("data-checklist");
    var signature = root.getAttribute("data-signature");
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"]'));
    var total = num(root.getAttribute("data-total"));
    var passAt = root.hasAttribute("data-pass") ? num(root.getAttribute("data-pass")) : null;
    var scoreEl = root.querySelector(".std-checklist__score");
    var percentEl = root.querySelector(".std-checklist__percent");
    var verdictEl = root.querySelector(".std-checklist__verdict");
    var store = storage();

    function load() {
      if (!store) return;
      try {
        var saved = JSON.parse(store.getItem(key) || "null");
        if (!saved || saved.signature !== signature) return;   /* the checklist changed: start afresh */
        boxes.forEach(function (box, i) { box.checked = saved.ticked.indexOf(i) >= 0; });
      } catch (e) { /* unreadable entry: ignore */ }
    }

    function save() {
      if (!store) return;
      var ticked = [];
      boxes.forEach(function (box, i) { if (box.checked) ticked.push(i); });
      try {
        if (ticked.length) store.setItem(key, JSON.stringify({ signature: signature, ticked: ticked }));
        else store.removeItem(key);
      } catch (e) { /* storage full: keep working without saving */ }
    }

    function update() {
      var score = 0, done = 0;
      boxes.forEach(function (box) {
        if (box.checked) { score += num(box.getAttribute("data-points")); done++; }
        box.closest("li").classList.toggle("is-checked", box.checked);
      });
      var percent = total > 0 ? score * 100 / total : 0;
      scoreEl.textContent = fmt(score);
      percentEl.textContent = fmt(percent);
      if (verdictEl && passAt !== null) {
        if (percent >= passAt - 1e-9) setVerdict(verdictEl, "pass", "合格");
        else if (done === 0) setVerdict(verdictEl, "pending", "未完成检查");
        else setVerdict(verdictEl, "fail", "不合格");
      }
    }

    load();
    update();
    root.addEventListener("change", function () { update(); save(); });
    var reset = root.querySelector(".std-checklist__reset");
    if (reset) reset.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
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
    document.querySelectorAll(".std-checklist[data-checklist]").forEach(setupChecklist);
    document.querySelectorAll("form.std-criteria").forEach(setupCriteria);
    document.querySelectorAll(".flowchart").forEach(setupChart);
  }

  /* Material's instant navigation swaps pages without reloading: hook its document$ when present */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState !== "loading") setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
