"""framework.yaml: categories → areas → items, every node with a unique id and a name."""
from __future__ import annotations

from ..errors import Problems, quote
from ..load import SourceFile
from ..model import Area, Category, Framework, Item
from ..text import area_slug
from ..urls import page_name_problem
from .schema import Checker, Spec

NODE = {"id": Spec("text", True), "name": Spec("text", True)}


def validate_framework(file: SourceFile, problems: Problems) -> Framework | None:
    """The framework, or None when it is unusable (no categories)."""
    data = file.data
    check = Checker(problems, file.shown)
    top = check.mapping(data, {"categories": Spec("any", True)}, "framework.yaml")
    if not top or not top["categories"]:
        if top is not None and top["categories"] is not None:
            check.error(data.line_of("categories"), "framework.yaml 中没有任何类别（categories 是空的）")
        return None
    seen: dict[str, int] = {}

    def unique(node_id: str, line: int) -> None:
        if node_id in seen:
            check.error(line, f"体系节点编号 {quote(node_id)} 重复（第 {seen[node_id]} 行已有）")
        seen.setdefault(node_id, line)

    area_pages: dict[str, str] = {}
    categories = []
    for cat_map, _ in check.list_of_maps(top["categories"], "categories", data.line_of("categories")):
        cat = check.mapping(cat_map, {**NODE, "areas": Spec("any")}, "体系类别")
        if not cat or not cat["id"]:
            continue
        unique(cat["id"], cat_map.line_of("id"))
        areas = []
        for area_map, _ in check.list_of_maps(cat["areas"], "areas", cat_map.line_of("areas")):
            area = check.mapping(area_map, {**NODE, "core": Spec("bool"), "items": Spec("any")}, "业务领域")
            if not area or not area["id"]:
                continue
            unique(area["id"], area_map.line_of("id"))
            page_name = area_slug(area["id"])
            problem = page_name_problem(page_name)
            if problem:
                check.error(area_map.line_of("id"), f"领域编号 {quote(area['id'])} 生成的网址名称 {quote(page_name)} {problem}，请改一个")
            if page_name in area_pages:
                check.error(area_map.line_of("id"), f"领域编号 {quote(area['id'])} 与 {quote(area_pages[page_name])} "
                                                    f"只差大小写或符号，页面网址会相同，请改一个")
            area_pages.setdefault(page_name, area["id"])
            items = []
            for item_map, _ in check.list_of_maps(area["items"], "items", area_map.line_of("items")):
                item = check.mapping(item_map, NODE, "体系条目")
                if item and item["id"]:
                    unique(item["id"], item_map.line_of("id"))
                    items.append(Item(item["id"], item["name"] or item["id"], area["id"], item_map.line))
            areas.append(Area(area["id"], area["name"] or area["id"], cat["id"], bool(area["core"]),
                              tuple(items), area_map.line))
        categories.append(Category(cat["id"], cat["name"] or cat["id"], tuple(areas), cat_map.line))
    return Framework(tuple(categories), file.shown)
