/* 实施信息反馈 from a clause: on a standard page that offers a pre-filled e-mail, each numbered
   clause heading gets a small ✉ link whose subject names that clause. The build made the URL
   (stdsite/render/feedback.py) with the placeholder STDCLAUSE; only a clause id ([0-9A-Z.], which
   needs no encoding) is put in its place. Without scripts the page keeps its one e-mail link. */
(function () {
  "use strict";
  var CLAUSE = /^(\d+(\.\d+)*|[A-Z](\.\d+)*)$/;

  function setup() {
    var mail = document.querySelector("a.std-fb-mail[data-clause-href]");
    if (!mail) return;
    var template = mail.getAttribute("data-clause-href");
    var root = document.querySelector(".md-content") || document.body;
    root.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (heading) {
      var id = heading.id;
      if (!CLAUSE.test(id) || heading.querySelector(".std-clause-mail")) return;
      var link = document.createElement("a");
      link.className = "std-clause-mail std-noprint";
      link.href = template.split("STDCLAUSE").join(id);
      link.title = "就第 " + id + " 条提意见（发邮件）";
      link.setAttribute("aria-label", link.title);
      link.textContent = "✉";
      heading.appendChild(link);
    });
  }

  if (document.readyState !== "loading") setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
