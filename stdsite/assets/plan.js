/* The plan pages: the 看板's period switch, the 评估报告's print button, the case list filter.
   Every page works without this script: all periods are then shown one after the other. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  /* <div class="dash-periods" data-current="2026-2030"> with tabs (a.dash-switch__tab[data-period])
     and sections (section.dash-period[data-period]): one period shown at a time, the current one
     first, or the one the address points into (#period-2021-2025, #p2021-2025-…). */
  function setupPeriods(root) {
    var sections = root.querySelectorAll(".dash-period");
    var tabs = root.querySelectorAll(".dash-switch__tab");
    function show(key) {
      sections.forEach(function (s) { s.hidden = s.getAttribute("data-period") !== key; });
      tabs.forEach(function (t) {
        var on = t.getAttribute("data-period") === key;
        t.classList.toggle("dash-switch__tab--on", on);
        t.setAttribute("aria-pressed", on ? "true" : "false");
      });
      root.setAttribute("data-shown", key);
    }
    function fromHash() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return null; }
      var el = id && document.getElementById(id);
      var section = el && el.closest(".dash-period");
      return section && root.contains(section) ? section.getAttribute("data-period") : null;
    }
    root.classList.add("dash-periods--js");
    show(fromHash() || root.getAttribute("data-current"));
    tabs.forEach(function (tab) {
      tab.setAttribute("role", "button");
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        var key = tab.getAttribute("data-period");
        show(key);
        try { history.replaceState(null, "", "#period-" + key); } catch (e) { /* file:// may refuse */ }
      });
    });
    window.addEventListener("hashchange", function () {
      var key = fromHash();
      if (key) show(key);
    });
  }

  /* <input data-case-filter> narrows table#cases to the rows whose words contain what is typed */
  function setupCaseFilter(input) {
    var table = document.getElementById("cases");
    if (!table) return;
    var rows = table.tBodies[0].rows, out = input.form && input.form.querySelector("output");
    function apply() {
      var wanted = input.value.trim().toLowerCase(), shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var text = (rows[i].getAttribute("data-text") + " " + rows[i].textContent).toLowerCase();
        rows[i].hidden = wanted !== "" && text.indexOf(wanted) < 0;
        if (!rows[i].hidden) shown++;
      }
      if (out) out.textContent = wanted ? "显示 " + shown + " 个" : "";
    }
    input.addEventListener("input", apply);
    if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  ready(function () {
    document.querySelectorAll(".dash-periods").forEach(setupPeriods);
    document.querySelectorAll("input[data-case-filter]").forEach(setupCaseFilter);
    document.querySelectorAll("[data-dash-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
