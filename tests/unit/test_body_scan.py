"""The fast body scanner agrees with markdown-it-py (CommonMark) on headings and fences."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from stdsite.load.markdown import scan

_md = MarkdownIt("commonmark")
_md.core.ruler.disable(["inline", "text_join"])


def reference(body: str, body_line: int = 1):
    headings, fences = [], []
    tokens = _md.parse(body)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and token.markup.startswith("#"):
            headings.append((int(token.tag[1]), tokens[index + 1].content.strip(), token.map[0] + body_line))
        elif token.type == "fence":
            fences.append((token.info.strip(), token.content, token.map[0] + body_line, token.map[1] - 1 + body_line))
    return headings, fences


def fast(body: str, body_line: int = 1):
    headings, fences = scan(body, body_line)
    return [(h.level, h.text, h.line) for h in headings], fences


LINES = st.sampled_from([
    "## 5 管理要求", "### 5.1 派车 ###", "# 标题", "####### 七级", "##不是标题", "   ## 5.2 缩进三格",
    "    ## 代码块里", "正文一段。", "", "- 列表项", "```flow", "```", "~~~", "~~~~ yaml", "````",
    "``` python", "```a`b", "steps: []", "  - {id: a}", "## 6 车辆更新 ##", "#", "# ",
])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(LINES, max_size=25))
def test_scan_agrees_with_markdown_it(lines):
    body = "\n".join(lines)
    assert fast(body, 7) == reference(body, 7)


def test_examples():
    body = "## 1 范围\n\n```flow\n## 不是条款\n```\n\n### 1.1 x\n"
    assert fast(body) == ([(2, "1 范围", 1), (3, "1.1 x", 7)], [("flow", "## 不是条款\n", 3, 5)])
