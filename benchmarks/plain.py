"""The baseline: the same corpus as a plain MkDocs Material project, written "as a user would by hand".

One ordinary Markdown page per standard, grouped in folders by category and area (docs/standards/
<category>/<area>/<slug>.md), with the metadata as a small table, the clause text (headings with
`{#5.2}` ids so that clauses can be linked), the table, each flow as a pre-rendered Graphviz SVG
inlined in the page, the checklist as a Markdown task list and the criteria as a table; pages for
the documents, courses (quiz answers written out) and the two directory editions; an explicit
`nav` grouped like ours; `theme: material` with `language: zh`, `font: false`,
`navigation.prune` and the search plugin with `lang: zh`.

The SVGs are rendered here, once, with one `dot` process for all flows (a user would commit the
SVG files): that time is not part of the timed plain build. The DOT is written here (top to
bottom, one cluster per swimlane), independent of stdsite's code.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

from corpus import EDITIONS, Corpus, Standard

FONT = "Noto Sans CJK SC"
SHAPES = {"start": 'shape=box, style="rounded,filled", fillcolor="#c8e6c9"',
          "end": 'shape=box, style="rounded,filled", fillcolor="#ffcdd2"',
          "process": 'shape=box, style=filled, fillcolor="#e8eaf6"',
          "decision": 'shape=diamond, style=filled, fillcolor="#fff8e1"',
          "document": 'shape=note, style=filled, fillcolor="#e0f7fa"'}
REF = re.compile(r"\[\[([^\]#]*)(?:#([^\]]+))?\]\]")


def flow_dot(flow: dict) -> str:
    """A hand-written-style DOT graph for a flow (top to bottom, swimlanes as clusters)."""
    steps = flow["steps"]
    out = ["digraph G {", f'  graph [rankdir=TB, fontname="{FONT}", fontsize=13, nodesep=0.25, ranksep=0.3];',
           f'  node [fontname="{FONT}", fontsize=13];', f'  edge [fontname="{FONT}", fontsize=12];']

    def node(step):
        return f'"{step["id"]}" [label="{step["text"]}", {SHAPES[step.get("type", "process")]}];'
    for k, lane in enumerate(flow["lanes"]):
        out.append(f'  subgraph cluster_{k} {{ label="{lane}"; style=filled; fillcolor="#f5f7fa";')
        out += [f"    {node(s)}" for s in steps if s.get("lane") == lane]
        out.append("  }")
    if not flow["lanes"]:
        out += [f"  {node(s)}" for s in steps]
    for k, s in enumerate(steps):
        kind = s.get("type", "process")
        if kind == "decision":
            out.append(f'  "{s["id"]}" -> "{s["yes"]}" [label="是"];')
            out.append(f'  "{s["id"]}" -> "{s["no"]}" [label="否"];')
        elif kind != "end" and k + 1 < len(steps):
            out.append(f'  "{s["id"]}" -> "{s.get("next", steps[k + 1]["id"])}";')
    out.append("}")
    return "\n".join(out) + "\n"


def render_svgs(dots: list[str], cache: Path) -> list[str]:
    """SVG for each DOT source (one `dot` process for the missing ones; cached by content hash)."""
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256(d.encode()).hexdigest()[:24] for d in dots]
    missing = sorted({k: d for k, d in zip(keys, dots) if not (cache / f"{k}.svg").exists()}.items())
    if missing:
        proc = subprocess.run(["dot", "-Tsvg"], input="".join(d for _, d in missing).encode(), capture_output=True, check=True)
        parts = [p for p in proc.stdout.decode().split("<?xml") if p.strip()]
        assert len(parts) == len(missing), (len(parts), len(missing))
        for (key, _), part in zip(missing, parts):
            svg = re.sub(r"^.*?(<svg)", r"\1", part, flags=re.S)       # drop the prolog and doctype
            svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
            (cache / f"{key}.svg").write_text(svg, encoding="utf-8")
    return [(cache / f"{k}.svg").read_text(encoding="utf-8") for k in keys]


def page_path(s: Standard) -> str:
    if not s.category:
        return f"standards/national/{s.slug}.md"
    return f"standards/{s.category.lower()}/{s.area.lower()}/{s.slug}.md"


def _links(text: str, here: str, by_code: dict) -> str:
    def sub(m: re.Match) -> str:
        code, clause = m.group(1).strip(), m.group(2)
        if not code:
            return f"[{clause}](#{clause})"
        target = by_code[code]
        rel = posixpath.relpath(page_path(target), posixpath.dirname(here))
        return f"[{code}{' 第 ' + clause + ' 条' if clause else ''}]({rel}{'#' + clause if clause else ''})"
    return REF.sub(sub, text)


def _meta_table(s: Standard) -> list[str]:
    labels = [("code", "标准编号"), ("level", "标准级别"), ("issued", "发布日期"), ("effective", "实施日期"),
              ("abolished", "废止日期"), ("stage", "阶段"), ("replaces", "代替"), ("issuer", "发布机构"),
              ("drafters", "起草单位"), ("tags", "关键词"), ("source", "获取全文")]
    rows = ["| 项目 | 内容 |", "|---|---|"]
    for key, label in labels:
        if key in s.meta:
            rows.append(f"| {label} | {str(s.meta[key]).strip('[]')} |")
    return rows


def standard_page(s: Standard, by_code: dict, svg_of: dict) -> str:
    here = page_path(s)
    out = [f"# {s.code} {s.title}", ""] + _meta_table(s) + [""]
    if "summary" in s.meta:
        out += [s.meta["summary"], ""]
    if not s.full_text:
        return "\n".join(out)
    for number, title, depth, content in s.sections:
        out += [f"{'#' * depth} {number} {title} {{#{number}}}", ""]
        for part in content:
            if isinstance(part, str):
                out.append(_links(part, here, by_code))
            elif part[0] == "list":
                out += [f"- {_links(x, here, by_code)}" for x in part[1]]
            elif part[0] == "table":
                out.append("| " + " | ".join(part[1]) + " |")
                out.append("|" + "---|" * len(part[1]))
                out += ["| " + " | ".join(r) + " |" for r in part[2]]
            elif part[0] == "flow":
                out += [f"**{part[1]['title']}**", "", '<div class="flowchart" markdown="0">',
                        svg_of[flow_dot(part[1])].strip(), "</div>"]
            elif part[0] == "checklist":
                data = part[1]
                total = sum(i["points"] for i in data["items"])
                out += [f"**{data['title']}**（满分 {total} 分，{data['pass']}% 合格）", ""]
                out += [f"- [ ] {i['text']}（{i['points']} 分" + (f"，见 [{i['clause']}](#{i['clause']})" if "clause" in i else "") + "）"
                        for i in data["items"]]
            elif part[0] == "criteria":
                data = part[1]
                out += [f"**{data['title']}**（{'全部达标为合格' if data['rule'] == 'all' else '任一达标为合格'}）", "",
                        "| 指标 | 要求 | 单位 | 条款 |", "|---|---|---|---|"]
                for i in data["items"]:
                    value = f"{i['value'][0]}～{i['value'][1]}" if i["op"] == "between" else f"{i['op']} {i['value']}"
                    out.append(f"| {i['name']} | {value.replace('>', '&gt;').replace('<', '&lt;')} | {i['unit']} | "
                               f"[{i['clause']}](#{i['clause']}) |")
            out.append("")
    return "\n".join(out)


def write_plain(corpus: Corpus, folder: Path, svg_cache: Path) -> Path:
    """Write the plain MkDocs project into `folder` (replacing it); returns the mkdocs.yml path."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    by_code = corpus.by_code()
    flows = [part[1] for s in corpus.standards for *_, content in s.sections for part in content
             if not isinstance(part, str) and part[0] == "flow"]
    dots = [flow_dot(f) for f in flows]
    svg_of = dict(zip(dots, render_svgs(dots, svg_cache)))

    def write(rel: str, text: str) -> None:
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    write("index.md", "# 重庆市机关事务标准化信息平台\n\n本站收录机关事务标准、规范性文件目录和标准化培训课程。\n")
    write("stylesheets/extra.css", ".flowchart{overflow-x:auto}.flowchart svg{max-width:none;height:auto}\n")
    for s in corpus.standards:
        write(page_path(s), standard_page(s, by_code, svg_of))
    nav_std = []
    for cid, cname, areas in corpus.framework:
        area_nav = []
        for aid, aname, _core, _items in areas:
            pages = [{f"{s.code} {s.title}": page_path(s)} for s in corpus.standards if s.area == aid]
            area_nav.append({aname: pages})
        nav_std.append({cname: area_nav})
    national = [{f"{s.code} {s.title}": page_path(s)} for s in corpus.standards if not s.category]
    nav_std.append({"国家标准": national})

    nav_docs = []
    for d in corpus.documents:
        rel = f"documents/{d['file'].rsplit('/', 1)[-1]}.md"
        body = [f"# {d['number']} {d['title']}", "", "| 项目 | 内容 |", "|---|---|", f"| 文号 | {d['number']} |",
                f"| 发布机构 | {d['issuer']} |", f"| 成文日期 | {d['issued']} |", f"| 类别 | {d['kind']} |", "",
                d["summary"], "", "相关标准：", ""]
        body += [f"- [{c} {by_code[c].title}]({posixpath.relpath(page_path(by_code[c]), 'documents')})" for c in d["related"]]
        write(rel, "\n".join(body) + "\n")
        nav_docs.append({d["number"]: rel})

    nav_courses = []
    for c in corpus.courses:
        rel = f"training/{c['id']}.md"
        body = [f"# {c['title']}", "", f"培训对象：{c['audience']}；时长 {c['minutes']} 分钟。", "", "学习目标：", ""]
        body += [f"- {o}" for o in c["objectives"]] + [""]
        for m in c["modules"]:
            body += [f"## {m['title']}", "", f"时长 {m['minutes']} 分钟。", "", _links(m["text"], rel, by_code), "",
                     '!!! note "讲师提示"', f"    {m['instructor']}", "", "### 测验", ""]
            for k, q in enumerate(m["quiz"]):
                answer = q["options"][q["answer"]] if isinstance(q["answer"], int) else q["answer"]
                body += [f"{k + 1}. {q['q']}"] + [f"    - {o}" for o in q["options"]] + [
                    "", f"    答案：{answer}。{_links(q['explain'], rel, by_code)}", ""]
        write(rel, "\n".join(body) + "\n")
        nav_courses.append({c["title"]: rel})

    nav_dir = []
    for edition, date in EDITIONS:
        rel = f"directory/{edition}.md"
        rows = ["| 序号 | 编号 | 名称 | 实施日期 |", "|---|---|---|---|"]
        listed = [s for s in corpus.standards if s.meta.get("effective", "9999") <= date
                  and s.meta.get("abolished", "9999") > date]
        rows += [f"| {k + 1} | {s.code} | {s.title} | {s.meta['effective']} |" for k, s in enumerate(listed)]
        write(rel, f"# 标准目录 {edition}（{date}）\n\n" + "\n".join(rows) + "\n")
        nav_dir.append({edition: rel})

    import yaml  # PyYAML comes with MkDocs
    config = {
        "site_name": "重庆市机关事务标准化信息平台（普通 MkDocs 对照）",
        "site_url": "http://biaozhun.example.local/",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False, "features": ["navigation.prune"]},
        "plugins": [{"search": {"lang": "zh"}}],
        "extra_css": ["stylesheets/extra.css"],
        "markdown_extensions": ["tables", "attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}},
                                {"pymdownx.tasklist": {"custom_checkbox": True}}],
        "nav": [{"首页": "index.md"}, {"标准体系": nav_std}, {"规范性文件": nav_docs}, {"目录": nav_dir},
                {"培训": nav_courses}],
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    import argparse
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import generate
    parser = argparse.ArgumentParser(description="Write the plain MkDocs Material baseline project.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20250630)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    print(write_plain(generate(args.n, args.seed), out, out.parent / "svg-cache"))
