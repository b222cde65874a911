/* Small enhancements for the standards site; every page works without them. */
(function () {
  "use strict";

  /* Filterable tables: <form data-filter-table="id" data-filter-empty="id"> with <select data-filter="status">.
     The choice lives in the address (?status=现行&level=…): reload, Back and shared links keep it,
     and the home page's links such as standards/?status=现行 preselect it. */
  function setupFilters(form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table) return;
    var rows = table.tBodies[0].rows, out = form.querySelector("output");
    var empty = document.getElementById(form.getAttribute("data-filter-empty") || "");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var clearInForm = form.querySelector(".std-filter-clear");

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        var wanted = params.get(s.getAttribute("data-filter")) || "";
        var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
        s.value = known ? wanted : "";
      });
    }

    function toAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        if (s.value) params.set(s.getAttribute("data-filter"), s.value);
        else params.delete(s.getAttribute("data-filter"));
      });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    function apply() {
      var wanted = {}, any = false;
      selects.forEach(function (s) {
        if (s.value) { wanted[s.getAttribute("data-filter")] = s.value; any = true; }
      });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var k in wanted) if (rows[i].getAttribute("data-" + k) !== wanted[k]) ok = false;
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      if (out) out.textContent = "显示 " + shown + " 项";
      if (empty) empty.hidden = shown > 0;
      table.hidden = shown === 0;
      if (clearInForm) clearInForm.hidden = !any;
    }

    function clear() {
      selects.forEach(function (s) { s.value = ""; });
      apply();
      toAddress();
    }

    form.addEventListener("change", function () { apply(); toAddress(); });
    form.addEventListener("reset", function (e) { e.preventDefault(); clear(); });
    if (empty) empty.querySelectorAll(".std-filter-clear").forEach(function (b) { b.addEventListener("click", clear); });
    /* a page restored by Back (from the browser's cache) shows what its address says */
    window.addEventListener("pageshow", function () { fromAddress(); apply(); });
    fromAddress();
    apply();
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  /* A box hides part of its table when the table reaches past the box's visible right edge and the
     box scrolls (Material's wrapper pads the table, so scrollWidth alone counts that padding as
     hidden; a card table on a phone does not scroll at all). */
  function hidesColumns(box) {
    var overflow = getComputedStyle(box).overflowX;
    if ((overflow !== "auto" && overflow !== "scroll") || !box.clientWidth) return false;
    var inner = box.querySelector("table") || box.firstElementChild;
    if (!inner) return false;
    var edge = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
    return inner.getBoundingClientRect().right + box.scrollLeft > edge + 1;
  }

  /* A table wider than its box scrolls sideways: say so under it (CSS shows the hint and edge shadows). */
  function markScrollable() {
    document.querySelectorAll(".std-scroll, .md-typeset__scrollwrap").forEach(function (box) {
      var wide = hidesColumns(box);
      box.classList.toggle("is-scrollable", wide);
      var hint = box.nextElementSibling;
      if (wide && !(hint && hint.classList.contains("std-scroll-hint"))) {
        hint = document.createElement("p");
        hint.className = "std-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "表格较宽，可左右滑动查看全部列";
        box.parentNode.insertBefore(hint, box.nextSibling);
      }
    });
  }

  /* The home page's big search box hands over to Material's search: a tap, a key or typed text
     opens the search with the text so far and moves the cursor there, so typing goes on searching
     and Enter opens the best result (Material's own keys). Without scripts the box is a label
     for Material's search toggle. */
  function setupSearchBox(box) {
    var toggle = document.getElementById("__search");
    var query = document.querySelector("input[data-md-component=search-query]");
    if (!toggle || !query) return;
    function open(ev) {
      if (ev && ev.type === "keydown" && ev.key !== "Enter") return;      /* other keys type into the box */
      var text = box.value;
      box.value = "";
      if (!toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
      if (text) query.value = text;
      query.focus();
      if (text) query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
    box.addEventListener("focus", open);
    box.addEventListener("click", function (ev) { ev.preventDefault(); open(); });
    box.addEventListener("input", function (ev) { if (!ev.isComposing) open(); });
    box.addEventListener("compositionend", function () { open(); });
    box.addEventListener("keydown", open);
  }

  ready(function () {
    document.querySelectorAll("input[data-std-searchbox]").forEach(setupSearchBox);
    document.querySelectorAll("form[data-filter-table]").forEach(setupFilters);
    markScrollable();
    window.addEventListener("load", markScrollable);      /* Material wraps Markdown tables after we run */
    window.addEventListener("resize", markScrollable);
    /* a table shown later (a 看板 period tab, an opened <details>) is measured when its box appears */
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function () { markScrollable(); });
      document.querySelectorAll(".std-scroll, .md-typeset__scrollwrap").forEach(function (box) { observer.observe(box); });
      window.addEventListener("load", function () {
        document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) { observer.observe(box); });
      });
    }
    /* 打印 / 下载 PDF on a standard's page: the browser's print dialog (which also saves a PDF) */
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
  window.stdsiteReady = ready;
})();
