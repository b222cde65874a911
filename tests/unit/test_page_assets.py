"""Which stylesheets and scripts a page links (stdsite/mkdocs/page_assets.py)."""
from __future__ import annotations

from stdsite.mkdocs.page_assets import asset_needs, css_needs, js_needs, minified, slim_page

PAGE = """<html><head>
    <link rel="stylesheet" href="../assets/stdsite/dash.0123456789.css">
    <link rel="stylesheet" href="../assets/stdsite/flow.abcdefabcd.css">
  </head><body class="md-body">
    <div class="std-flow" data-zoom="1">
      <pre>  keep
    this</pre>
    </div>
    <script src="../assets/stdsite/flow.1111111111.js"></script>
    <script src="../assets/stdsite/exam.2222222222.js"></script>
</body></html>"""
PUBLISHED = {"dash.css": "dash.0123456789.css", "flow.css": "flow.abcdefabcd.css",
             "flow.js": "flow.1111111111.js", "exam.js": "exam.2222222222.js"}


def test_a_stylesheet_is_needed_when_one_selector_can_match():
    needs = css_needs(".dash-card .dash-num { x: 1 } @media print { .dash-report:not(.std-x) h2 { y: 2 } }")
    assert needs.met_by({"dash-card", "dash-num"}) and needs.met_by({"dash-report"})
    assert not needs.met_by({"dash-card"}) and not needs.met_by({"std-x"})


def test_a_selector_needing_nothing_links_the_stylesheet_everywhere():
    assert css_needs(".std-a { x: 1 } .md-typeset h1 { y: 2 }") is None
    assert css_needs("@page { size: A4; @top-right { content: 'x' } } .std-a { x: 1 }") is not None


def test_a_script_is_needed_when_the_page_holds_a_class_or_attribute_it_queries():
    needs = js_needs('document.querySelectorAll(".std-quiz__text, [data-std-exam]")')
    assert needs.met_by({"data-std-exam"}) and needs.met_by({"std-quiz__text"}) and not needs.met_by({"std-flow"})
    assert js_needs("window.print()") is None


def test_slim_page_drops_unused_assets_and_indentation_but_not_inside_pre():
    needs = asset_needs({"dash.css": b".dash-card { x: 1 }", "flow.css": b".std-flow { x: 1 }",
                         "flow.js": b'q("[data-zoom]")', "exam.js": b'q(".std-exam")'})
    html = slim_page(PAGE, PUBLISHED, needs)
    assert "dash.0123" not in html and "exam.2222" not in html
    assert "flow.abcdef" in html and "flow.1111" in html
    assert "<pre>  keep\n    this</pre>" in html and "\n    <div" not in html


def test_minified_assets_keep_their_code():
    css = minified("a.css", b"/* note */\n.a {\n    color: red; /* why */\n}\n\n")
    assert css == b".a {\ncolor: red; \n}\n"
    js = minified("a.js", b"// top\n(function () {\n  /* block\n     comment */\n  var s = '// not a comment';\n})();\n")
    assert js == b"(function () {\nvar s = '// not a comment';\n})();\n"
    assert minified("a.svg", b"  <svg/>") == b"  <svg/>"
