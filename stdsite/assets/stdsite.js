/* Small enhancements for the standards site; every page works without them. */
(function () {
  "use strict";

  /* Filterable tables: <form data-filter-table="id"> with <select data-filter="status"> */
  function setupFilters(form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table) return;
    var rows = table.tBodies[0].rows, out = form.querySelector("output");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select[data-filter]").forEach(function (s) {
        if (s.value) wanted[s.getAttribute("data-filter")] = s.value;
      });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var k in wanted) if (rows[i].getAttribute("data-" + k) !== wanted[k]) ok = false;
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      if (out) out.textContent = "显示 " + shown + " 项";
    }
    form.addEventListener("change", apply);
    /* a link such as standards/?status=现行 (from the home page counts) preselects the filter */
    var params = new URLSearchParams(location.search);
    form.querySelectorAll("select[data-filter]").forEach(function (s) {
      var wanted = params.get(s.getAttribute("data-filter"));
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) s.value = wanted;
    });
    apply();
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  /* A table wider than its box scrolls sideways: say so under it (CSS shows the hint and edge shadows). */
  function markScrollable() {
    document.querySelectorAll(".std-scroll, .md-typeset__scrollwrap").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
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

  ready(function () {
    document.querySelectorAll("form[data-filter-table]").forEach(setupFilters);
    markScrollable();
    window.addEventListener("load", markScrollable);      /* Material wraps Markdown tables after we run */
    window.addEventListener("resize", markScrollable);
  });
  window.stdsiteReady = ready;
})();
