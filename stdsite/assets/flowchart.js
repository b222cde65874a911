/* The pan-and-zoom view of flowcharts (stdsite/render/blocks/diagrams.py writes the charts). No
   framework, no network; every chart is readable without it. */
(function () {
  "use strict";

  /* ---- a pan-and-zoom view --------------------------------------------------------
     On the page a chart is scaled to fit its column (never cut off). Tapping it (or 全屏查看) opens
     a full-screen view that starts fitted to the screen's width on a phone (every lane visible) and
     whole on a desktop; 放大 / 缩小, 适合屏幕 (width), 查看全图 (whole), a pinch or Ctrl + wheel zoom,
     and the view scrolls (drag with a finger or the mouse) to pan. The view has its own history
     entry: Back closes it, and closing it removes the entry. */
  var MIN_ZOOM = 0.1, MAX_ZOOM = 4, STEP = 1.4;
  var view = null;

  function zoomView() {
    if (view) return view;
    var d = document.createElement("dialog");
    d.className = "std-zoom";
    d.setAttribute("aria-label", "全屏查看");
    d.innerHTML = '<div class="std-zoom__bar"><span class="std-zoom__title"></span><span class="std-zoom__tools">' +
      '<button type="button" class="md-button std-zoom__out" aria-label="缩小">−</button>' +
      '<button type="button" class="md-button std-zoom__in" aria-label="放大">＋</button>' +
      '<button type="button" class="md-button std-zoom__fit">适合屏幕</button>' +
      '<button type="button" class="md-button std-zoom__whole">查看全图</button>' +
      '<button type="button" class="md-button std-zoom__close">关闭</button></span></div>' +
      '<div class="std-zoom__body" tabindex="0"></div>';
    document.body.appendChild(d);
    view = { dialog: d, body: d.querySelector(".std-zoom__body"), svg: null, w: 0, h: 0, scale: 1, pushed: false };
    d.querySelector(".std-zoom__close").addEventListener("click", function () { d.close(); });
    d.querySelector(".std-zoom__whole").addEventListener("click", fitWhole);
    d.querySelector(".std-zoom__in").addEventListener("click", function () { zoomBy(STEP); });
    d.querySelector(".std-zoom__out").addEventListener("click", function () { zoomBy(1 / STEP); });
    d.querySelector(".std-zoom__fit").addEventListener("click", fit);
    d.addEventListener("click", function (e) {
      if (!(e.target.closest && e.target.closest("a"))) return;
      /* a clause link: go there; the view's history entry becomes the page's own */
      if (view.pushed) { try { history.replaceState(null, ""); } catch (err) { /* ignore */ } }
      view.pushed = false;
      d.close();
    });
    d.addEventListener("close", function () {
      view.body.innerHTML = "";
      view.svg = null;
      /* closed by 关闭 or Esc: drop the entry the view added, so Back then leaves the page */
      if (view.pushed && history.state && history.state.stdZoom) history.back();
      view.pushed = false;
    });
    /* Back (a phone's back gesture) closes the view instead of leaving the page */
    window.addEventListener("popstate", function () {
      if (!d.open) return;
      view.pushed = false;
      d.close();
    });
    setupGestures(view.body);
    return view;
  }

  /* scale the chart, keeping the point (cx, cy) of the visible area where it is */
  function zoomTo(scale, cx, cy) {
    var body = view.body, old = view.scale;
    scale = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale));
    if (cx === undefined) { cx = body.clientWidth / 2; cy = body.clientHeight / 2; }
    var x = (body.scrollLeft + cx) / old, y = (body.scrollTop + cy) / old;
    view.scale = scale;
    view.svg.style.width = Math.round(view.w * scale) + "px";
    view.svg.style.height = Math.round(view.h * scale) + "px";
    body.scrollLeft = x * scale - cx;
    body.scrollTop = y * scale - cy;
    view.dialog.setAttribute("data-zoom", String(Math.round(scale * 100)));
  }

  function zoomBy(factor, cx, cy) { zoomTo(view.scale * factor, cx, cy); }

  function fitScale() {
    var style = getComputedStyle(view.body);
    var room = view.body.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Math.min(1.5, room / view.w);
  }

  function fit() {
    zoomTo(fitScale(), 0, 0);
    view.body.scrollLeft = 0;
    view.body.scrollTop = 0;
  }

  /* 查看全图: the whole chart on the screen, its height too */
  function fitWhole() {
    var style = getComputedStyle(view.body);
    var high = view.body.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    zoomTo(Math.max(MIN_ZOOM, Math.min(fitScale(), high / view.h)), 0, 0);
    view.body.scrollLeft = 0;
    view.body.scrollTop = 0;
  }

  function setupGestures(body) {
    var pinch = null, drag = null;
    function distance(t) { return Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY); }
    body.addEventListener("touchstart", function (e) {
      if (e.touches.length === 2) pinch = { d: distance(e.touches), scale: view.scale };
    }, { passive: true });
    body.addEventListener("touchmove", function (e) {
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();                              /* our zoom, not the browser's page zoom */
      var r = body.getBoundingClientRect();
      var cx = (e.touches[0].clientX + e.touches[1].clientX) / 2 - r.left;
      var cy = (e.touches[0].clientY + e.touches[1].clientY) / 2 - r.top;
      zoomTo(pinch.scale * distance(e.touches) / pinch.d, cx, cy);
    }, { passive: false });
    body.addEventListener("touchend", function (e) { if (e.touches.length < 2) pinch = null; });
    body.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) return;                          /* a plain wheel scrolls (pans) */
      e.preventDefault();
      var r = body.getBoundingClientRect();
      zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    body.addEventListener("pointerdown", function (e) {       /* mouse: drag to pan */
      if (e.pointerType !== "mouse" || e.button !== 0 || (e.target.closest && e.target.closest("a"))) return;
      drag = { x: e.clientX, y: e.clientY, left: body.scrollLeft, top: body.scrollTop };
      body.classList.add("is-dragging");
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      body.scrollLeft = drag.left - (e.clientX - drag.x);
      body.scrollTop = drag.top - (e.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () { drag = null; body.classList.remove("is-dragging"); });
    body.addEventListener("keydown", function (e) {
      if (e.key === "+" || e.key === "=") zoomBy(STEP);
      else if (e.key === "-") zoomBy(1 / STEP);
      else if (e.key === "0") fit();
      else if (e.key === "9") fitWhole();
    });
  }

  function openChart(box) {
    var svg = box.querySelector("svg");
    if (!svg) return;
    var v = zoomView();
    var copy = svg.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.setAttribute("id", "zoom-" + el.getAttribute("id")); });
    v.w = parseFloat(svg.getAttribute("width")) || svg.getBoundingClientRect().width;
    v.h = parseFloat(svg.getAttribute("height")) || svg.getBoundingClientRect().height;
    v.scale = 1;
    v.svg = copy;
    v.dialog.querySelector(".std-zoom__title").textContent = box.getAttribute("data-zoom-title") || "";
    v.body.innerHTML = "";
    v.body.appendChild(copy);
    if (typeof v.dialog.showModal === "function") v.dialog.showModal(); else v.dialog.setAttribute("open", "");
    if (!v.pushed) {
      try { history.pushState({ stdZoom: true }, ""); v.pushed = true; } catch (e) { /* file:// may refuse */ }
    }
    /* a phone starts at the screen's width (read by scrolling down); a desktop shows the whole chart */
    if (window.matchMedia && window.matchMedia("(min-width: 60em)").matches) fitWhole(); else fit();
    v.body.focus({ preventScroll: true });
  }

  /* on the page: a chart drawn much smaller than its natural size says it can be enlarged */
  function markSmall(box) {
    var svg = box.querySelector("svg");
    if (!svg) return;
    var natural = parseFloat(svg.getAttribute("width")) || 0;
    box.classList.toggle("is-small", natural > 0 && svg.getBoundingClientRect().width < natural * 0.8);
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
    markSmall(box);
    window.addEventListener("resize", function () { markSmall(box); });
  }

  function setup() {
    document.querySelectorAll(".flowchart").forEach(setupChart);
  }

  /* Material's instant navigation swaps pages without reloading: hook its document$ when present */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState !== "loading") setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
