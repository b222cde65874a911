/* The 意见反馈 page's 打印 button (shown only when scripts run: without them, the browser's own
   print command prints the same sheet). */
(function () {
  "use strict";
  document.querySelectorAll("button[data-std-print-form]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
