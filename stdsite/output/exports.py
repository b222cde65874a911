"""Machine-readable exports written on every build: data/catalog.json, data/indicators.json,
each directory edition's edition.json, 目录.csv and 目录.xlsx (in site/directory/<edition id>/),
the system table's 标准体系表.xlsx and 明细表.csv (in site/system/), and each course's 评估汇总.xlsx
(in site/training/<course id>/)."""
from __future__ import annotations

from .. import urls
from ..derive.catalog import Catalog, document_status
from ..derive.editions import EditionView, edition_json
from ..derive.feedback import FeedbackView
from ..model import Document, Standard
from ..render.context import RenderContext
from ..render.directory import CSV_NAME, JSON_NAME, XLSX_NAME, copy_name
from ..text import iso_date
from .cache import BuildCache
from .evaluation import cached_evaluation_xlsx
from .files import json_bytes
from .sitefiles import SiteWriter
from .spreadsheets import cached_xlsx, csv_bytes
from .system_sheets import write_system


def write_exports(ctx: RenderContext, out: SiteWriter, directory_title: str, cache: BuildCache) -> None:
    """Every export of the build into the site."""
    out.write(f"{urls.DATA}/catalog.json", json_bytes(catalog_json(ctx.catalog, ctx.feedback)))
    out.write(f"{urls.DATA}/indicators.json", json_bytes(ctx.plan.json()))
    for view in ctx.editions:
        write_edition(view, out, directory_title, cache)
    write_system(ctx.system_table, ctx.catalog.as_of, out, cache)
    for course in ctx.catalog.project.courses:
        out.write(urls.evaluation_xlsx(course.id, course.title), cached_evaluation_xlsx(course, cache))


def write_edition(view: EditionView, out: SiteWriter, title: str, cache: BuildCache) -> list[str]:
    """Write the three exports of one edition (site/directory/<id>/); their site paths."""
    written = []
    csv_data = csv_bytes(view)
    for name, data in ((JSON_NAME, json_bytes(edition_json(view))), (CSV_NAME, csv_data),
                       (XLSX_NAME, cached_xlsx(view, title, csv_data, cache))):
        rel = urls.edition_file(view.id, name)
        out.write(rel, data)
        written.append(rel)
        if name != JSON_NAME:                       # the copy named after the edition, for downloads
            rel = urls.edition_file(view.id, copy_name(view.id, name))
            out.write(rel, data)
            written.append(rel)
    return written


def standard_record(catalog: Catalog, s: Standard, feedback: FeedbackView | None = None) -> dict:
    """The catalog.json form of a standard: every field, absent ones null, dates as strings; with
    its feedback counts (received by the as-of date) and whether a 复审 is suggested by them."""
    feedback = feedback or FeedbackView(catalog)
    consultation = s.consultation
    return {
        "code": s.code, "title": s.title, "level": s.level, "framework": s.framework,
        "issued": iso_date(s.issued), "effective": iso_date(s.effective), "abolished": iso_date(s.abolished),
        "replaces": list(s.replaces), "stage": s.stage, "issuer": _one_or_list(s.issuer),
        "drafters": list(s.drafters), "region": s.region, "tags": list(s.tags), "managed": s.managed,
        "source": s.source, "summary": s.summary, "proposer": s.proposer, "owner": s.owner,
        "authors": list(s.authors), "ics": s.ics, "ccs": s.ccs, "filing": s.filing,
        "reviews": [{"date": iso_date(r.date), "conclusion": r.conclusion, "note": r.note} for r in s.reviews],
        "evaluations": [{"date": iso_date(e.date), "by": e.by, "score": e.score, "grade": e.grade, "note": e.note}
                        for e in s.evaluations],
        "attachments": [{"file": a.file, "title": a.title} for a in s.attachments],
        "consultation": None if consultation is None else {
            "until": iso_date(consultation.until), "contact": consultation.contact,
            "explanation": consultation.explanation.file if consultation.explanation else None},
        "feedback": {**feedback.counts_of(s.code), "review_suggested": feedback.review_suggested(s)},
        "replaced_by": list(catalog.replaced_by.get(s.code, [])),
        "status": catalog.status[s.code], "page": s.page,
    }


def document_record(catalog: Catalog, d: Document) -> dict:
    return {
        "number": d.number, "title": d.title, "issuer": _one_or_list(d.issuer), "issued": iso_date(d.issued),
        "published": iso_date(d.published), "kind": d.kind, "abolished": iso_date(d.abolished),
        "related": list(d.related), "summary": d.summary, "url": d.url, "tags": list(d.tags),
        "status": document_status(d, catalog.as_of), "page": d.page,
    }


def catalog_json(catalog: Catalog, feedback: FeedbackView | None = None) -> dict:
    feedback = feedback or FeedbackView(catalog)
    return {
        "as_of": catalog.as_of.isoformat(),
        "standards": [standard_record(catalog, s, feedback) for s in sorted(catalog.standards, key=lambda s: s.code)],
        "documents": [document_record(catalog, d) for d in sorted(catalog.documents, key=lambda d: d.number)],
    }


def _one_or_list(values: tuple[str, ...]) -> str | list[str] | None:
    """`issuer` is a string or a list in the sources; keep a single one as a string."""
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)
