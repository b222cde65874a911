/* Training pages: the 讲师视图 switch, quizzes answered on the page, print buttons.
   No framework; every page still reads and prints without it (learner view by default). */
(function () {
  "use strict";
  var TRAINER = "std-trainer-view";
  var root = document.documentElement;
  var LABELS = {
    learner: "当前为学员视图：讲师提示与测验答案已隐藏。",
    trainer: "当前为讲师视图：显示讲师提示与测验答案。打印即为讲师版。"
  };

  function isTrainer() { return root.classList.contains(TRAINER); }

  /* Show or hide trainer notes and answers; `remember` keeps the view in the URL (?view=trainer). */
  function setView(trainer, remember) {
    root.classList.toggle(TRAINER, trainer);
    document.querySelectorAll("[data-std-view-switch]").forEach(function (b) {
      b.setAttribute("aria-pressed", trainer ? "true" : "false");
    });
    document.querySelectorAll("[data-std-view-label]").forEach(function (p) {
      p.textContent = trainer ? LABELS.trainer : LABELS.learner;
    });
    if (remember) {
      try {
        var url = new URL(window.location.href);
        if (trainer) url.searchParams.set("view", "trainer"); else url.searchParams.delete("view");
        window.history.replaceState(null, "", url.toString());
      } catch (e) { /* file:// pages may refuse; the view still switches */ }
    }
  }

  function setupQuiz(item) {
    var answer = parseInt(item.getAttribute("data-answer"), 10);
    var feedback = item.querySelector(".std-quiz__feedback");
    var box = item.querySelector(".std-quiz__answer");
    var choices = item.querySelectorAll(".std-quiz__choice");
    choices.forEach(function (button) {
      if (parseInt(button.getAttribute("data-index"), 10) === answer) button.classList.add("std-quiz__choice--key");
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        var right = parseInt(button.getAttribute("data-index"), 10) === answer;
        choices.forEach(function (b) {
          b.classList.remove("is-right", "is-wrong");
          b.setAttribute("aria-pressed", "false");
        });
        button.classList.add(right ? "is-right" : "is-wrong");
        button.setAttribute("aria-pressed", "true");
        item.classList.add("is-answered");
        if (feedback) {
          feedback.textContent = right ? "✓ 回答正确！" : "✗ 回答错误，请看下面的正确答案和解析。";
          feedback.classList.toggle("is-right", right);
          feedback.classList.toggle("is-wrong", !right);
          feedback.hidden = false;
        }
        if (box) box.hidden = false;
      });
    });
  }

  function setupPrint(button) {
    button.addEventListener("click", function () {
      var mode = button.getAttribute("data-std-print");
      if (mode === "sheet") { window.print(); return; }
      var was = isTrainer();
      setView(mode === "trainer", false);
      window.print();
      setView(was, false);
    });
  }

  function init() {
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { params = null; }
    setView(!!params && params.get("view") === "trainer", false);
    document.querySelectorAll("[data-std-view-switch]").forEach(function (b) {
      b.addEventListener("click", function () { setView(!isTrainer(), true); });
    });
    document.querySelectorAll(".std-quiz__item[data-answer]").forEach(setupQuiz);
    document.querySelectorAll("[data-std-print]").forEach(setupPrint);
  }

  if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
