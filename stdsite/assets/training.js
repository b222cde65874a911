/* Training pages: the 讲师视图 switch, quizzes answered on the page, exams scored at 交卷, print
   buttons. No framework; every page still reads and prints without it (learner view by default).
   Nothing typed or chosen is stored or sent anywhere. */
(function () {
  "use strict";
  var TRAINER = "std-trainer-view";
  var root = document.documentElement;
  var LABELS = {
    learner: "当前为学员视图：讲师提示与测验答案已隐藏。",
    trainer: "当前为讲师视图：显示讲师提示与测验答案。打印即为讲师版。",
    /* an exam keeps its answers until 交卷, in the trainer view too */
    examTrainer: "当前为讲师视图：显示讲师提示；考试答案交卷后才显示，答案（讲师版）在本课程的签到表页。"
  };

  function isTrainer() { return root.classList.contains(TRAINER); }
  function each(scope, selector, fn) { Array.prototype.forEach.call(scope.querySelectorAll(selector), fn); }
  function letter(i) { return i < 26 ? String.fromCharCode(65 + i) : String(i + 1); }
  function answerOf(item) { return item.getAttribute("data-answer").split(",").map(Number); }
  function picked(item) {
    var out = [];
    each(item, "input:checked", function (i) { out.push(Number(i.value)); });
    return out;
  }
  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  /* Show or hide trainer notes and answers; `remember` keeps the view in the URL (?view=trainer). */
  function setView(trainer, remember) {
    root.classList.toggle(TRAINER, trainer);
    each(document, "[data-std-view-switch]", function (b) { b.setAttribute("aria-pressed", trainer ? "true" : "false"); });
    each(document, "[data-std-view-label]", function (p) { p.textContent = !trainer ? LABELS.learner :
      document.querySelector(".std-quiz--exam") ? LABELS.examTrainer : LABELS.trainer; });
    if (remember) {
      try {
        var url = new URL(window.location.href);
        if (trainer) url.searchParams.set("view", "trainer"); else url.searchParams.delete("view");
        window.history.replaceState(null, "", url.toString());
      } catch (e) { /* file:// pages may refuse; the view still switches */ }
    }
  }

  function feedbackOf(item, right, text) {
    var feedback = item.querySelector(".std-quiz__feedback");
    var box = item.querySelector(".std-quiz__answer");
    item.classList.add("is-answered");
    if (feedback) {
      feedback.textContent = text;
      feedback.classList.toggle("is-right", right);
      feedback.classList.toggle("is-wrong", !right);
      feedback.hidden = false;
    }
    if (box) box.hidden = false;
  }

  /* An ordinary quiz question: a 单选/判断 answer shows at once; a 多选 one at 确定. */
  function setupQuiz(item) {
    var answer = answerOf(item);
    if (item.hasAttribute("data-multi")) {
      markKeys(item, answer);
      item.querySelector("[data-std-quiz-confirm]").addEventListener("click", function () {
        var chosen = picked(item);
        if (!chosen.length) { feedbackOf(item, false, "请先选择选项（多选题可选多项）。"); return; }
        var right = sameSet(chosen, answer);
        each(item, "input", function (i) {
          var label = i.closest("label");
          label.classList.toggle("is-right", i.checked && answer.indexOf(Number(i.value)) >= 0);
          label.classList.toggle("is-wrong", i.checked && answer.indexOf(Number(i.value)) < 0);
        });
        feedbackOf(item, right, right ? "✓ 回答正确！" : "✗ 回答错误：多选题要恰好选出全部正确选项，请看下面的正确答案和解析。");
      });
      return;
    }
    var choices = item.querySelectorAll(".std-quiz__choice");
    Array.prototype.forEach.call(choices, function (button) {
      if (Number(button.getAttribute("data-index")) === answer[0]) button.classList.add("std-quiz__choice--key");
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        var right = Number(button.getAttribute("data-index")) === answer[0];
        Array.prototype.forEach.call(choices, function (b) {
          b.classList.remove("is-right", "is-wrong");
          b.setAttribute("aria-pressed", "false");
        });
        button.classList.add(right ? "is-right" : "is-wrong");
        button.setAttribute("aria-pressed", "true");
        feedbackOf(item, right, right ? "✓ 回答正确！" : "✗ 回答错误，请看下面的正确答案和解析。");
      });
    });
  }

  function markKeys(item, answer) {
    each(item, "input", function (i) {
      i.closest("label").classList.toggle("std-quiz__pick--key", answer.indexOf(Number(i.value)) >= 0);
    });
  }

  /* -- exams: every question scored together at 交卷 ------------------------------------------ */
  function setupExam(panel) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".std-quiz--exam .std-quiz__item"));
    var passNum = Number(panel.getAttribute("data-pass-num"));
    var passDen = Number(panel.getAttribute("data-pass-den"));
    var shuffle = panel.getAttribute("data-shuffle") === "1";
    var submit = panel.querySelector("[data-std-exam-submit]");
    var retry = panel.querySelector("[data-std-exam-retry]");
    var notice = panel.querySelector("[data-std-exam-notice]");
    var result = panel.querySelector("[data-std-exam-result]");
    var sheet = panel.querySelector("[data-std-exam-sheet]");
    var confirming = false;

    /* Options in a new random order per attempt (when `shuffle`), lettered A, B, C in that order;
       each input keeps its option's original position as its value, so scoring is unchanged. A
       判断题 (正确 / 错误) keeps its order. Printing uses the source order, so every printed copy
       of the exam is the same; the screen gets this attempt's order back afterwards. */
    var sources = items.map(function (item) {
      return Array.prototype.slice.call(item.querySelector(".std-quiz__options").children);
    });
    var shown = sources.slice();

    function isJudgement(item) {
      var type = item.querySelector(".std-quiz__type");
      return !!type && type.textContent === "判断题";
    }

    function place(item, options) {
      var list = item.querySelector(".std-quiz__options");
      options.forEach(function (li) { list.appendChild(li); });
      var keys = [];
      var answer = answerOf(item);
      options.forEach(function (li, position) {
        li.querySelector(".std-quiz__letter").textContent = letter(position);
        if (answer.indexOf(Number(li.querySelector("input").value)) >= 0) {
          keys.push(letter(position) + ". " + li.querySelector(".std-quiz__text").textContent);
        }
      });
      item.querySelector("[data-std-key]").textContent = keys.join("；");
      markKeys(item, answer);
    }

    function arrange() {
      shown = items.map(function (item, n) {
        var options = sources[n].slice();
        if (shuffle && !isJudgement(item)) {
          for (var i = options.length - 1; i > 0; i--) {
            var j = Math.floor(Math.random() * (i + 1));
            var t = options[i]; options[i] = options[j]; options[j] = t;
          }
        }
        place(item, options);
        return options;
      });
    }

    var printing = false;
    function forPrint(on) {
      if (on === printing || !shuffle) return;
      printing = on;
      items.forEach(function (item, n) { place(item, on ? sources[n] : shown[n]); });
    }
    window.addEventListener("beforeprint", function () { forPrint(true); });
    window.addEventListener("afterprint", function () { forPrint(false); });
    if (window.matchMedia) {          /* browsers that send no beforeprint still switch the media */
      var media = window.matchMedia("print");
      var follow = function (e) { forPrint(e.matches); };
      if (media.addEventListener) media.addEventListener("change", follow); else if (media.addListener) media.addListener(follow);
    }

    /* an explanation's links open in a new tab: following one must not lose the answers given */
    items.forEach(function (item) {
      each(item, ".std-quiz__answer a[href]", function (a) {
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener");
      });
    });

    function finish() {
      var right = 0, total = 0, count = 0, blank = 0;
      var rows = sheet.querySelector("[data-std-exam-rows]");
      rows.textContent = "";
      items.forEach(function (item, index) {
        var weight = Number(item.getAttribute("data-weight"));
        var chosen = picked(item);
        var ok = sameSet(chosen, answerOf(item));
        total += weight;
        if (ok) { right += weight; count += 1; }
        if (!chosen.length) blank += 1;
        var points = item.getAttribute("data-points");
        feedbackOf(item, ok, ok ? "✓ 正确，得 " + points + " 分" : (chosen.length ? "✗ 错误，不得分" : "✗ 未作答，不得分"));
        each(item, "input", function (i) { i.disabled = true; });
        var row = document.createElement("tr");
        [String(index + 1), item.querySelector(".std-quiz__type").textContent, points,
          ok ? "✓ 正确" : (chosen.length ? "✗ 错误" : "✗ 未作答")]
          .forEach(function (text) { var td = document.createElement("td"); td.textContent = text; row.appendChild(td); });
        rows.appendChild(row);
      });
      /* exact integer arithmetic: whole percent half up; 通过 when the exact score ≥ pass */
      var percent = total ? Math.floor((200 * right + total) / (2 * total)) : 0;
      var passed = right * 100 * passDen >= passNum * total;
      var verdict = passed ? "通过" : "未通过";
      panel.querySelector("[data-std-exam-score]").textContent = percent + " 分";
      var mark = panel.querySelector("[data-std-exam-verdict]");
      mark.textContent = verdict;
      mark.className = "std-exam__verdict " + (passed ? "is-pass" : "is-fail");
      panel.querySelector("[data-std-exam-detail]").textContent =
        "答对 " + count + " 题，共 " + items.length + " 题" + (blank ? "，未作答 " + blank + " 题" : "") + "。";
      sheet.querySelector("[data-std-exam-date]").textContent = today();
      sheet.querySelector("[data-std-exam-sheet-score]").textContent = percent + " 分（百分制）";
      sheet.querySelector("[data-std-exam-sheet-verdict]").textContent = verdict;
      showResult(true);
      result.scrollIntoView({ block: "center" });
    }

    /* after 交卷: the result, the sheet and 重新作答; before: the 交卷 button only */
    function showResult(done) {
      root.classList.toggle("std-exam-done", done);
      result.hidden = !done;
      sheet.hidden = !done;
      retry.hidden = !done;
      submit.disabled = done;
      notice.hidden = true;
      confirming = false;
    }

    function today() {
      var d = new Date();
      function two(n) { return (n < 10 ? "0" : "") + n; }
      return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
    }

    submit.addEventListener("click", function () {
      var blank = [];
      items.forEach(function (item, index) { if (!picked(item).length) blank.push(index + 1); });
      if (blank.length && !confirming) {
        notice.textContent = "还有 " + blank.length + " 题未作答（第 " + blank.join("、") + " 题）。确定交卷请再点一次“交卷”。";
        notice.hidden = false;
        confirming = true;
        return;
      }
      finish();
    });
    retry.addEventListener("click", function () {
      items.forEach(function (item) {
        item.classList.remove("is-answered");
        each(item, "input", function (i) { i.checked = false; i.disabled = false; });
        item.querySelector(".std-quiz__feedback").hidden = true;
        item.querySelector(".std-quiz__answer").hidden = true;
      });
      showResult(false);
      arrange();
      if (items.length) items[0].scrollIntoView({ block: "center" });
    });
    arrange();
  }

  /* learner handout, trainer printout, a sheet as it is, or only the exam's result sheet */
  function setupPrint(button) {
    button.addEventListener("click", function () {
      var mode = button.getAttribute("data-std-print");
      if (mode === "sheet") { window.print(); return; }
      if (mode === "result") {
        root.classList.add("std-print-result");
        window.print();
        root.classList.remove("std-print-result");
        return;
      }
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
    each(document, "[data-std-view-switch]", function (b) {
      b.addEventListener("click", function () { setView(!isTrainer(), true); });
    });
    each(document, ".std-quiz:not(.std-quiz--exam) .std-quiz__item[data-answer]", setupQuiz);
    each(document, "[data-std-exam]", setupExam);
    each(document, "[data-std-print]", setupPrint);
  }

  if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
