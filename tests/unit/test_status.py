"""Status derivation as of D, every branch, and the review/evaluation date rules."""
from __future__ import annotations

import datetime as dt

import pytest

from stdsite.derive.catalog import Catalog, evaluation_expected, issued_by, review_due, review_due_date, standard_status
from stdsite.text import normalize_code, slugify, years_before
from stdsite.model import Framework, Project, Review, Standard
from stdsite.output.exports import standard_record

D = dt.date(2025, 6, 30)


def make(code="Q/T 1-2024", effective=dt.date(2024, 1, 1), issued=None, abolished=None, replaces=(), stage=None,
         reviews=()) -> Standard:
    return Standard(code=code, title="t", level="组织内部标准", framework="X", issued=issued, effective=effective,
                    abolished=abolished, replaces=tuple(replaces), stage=stage, issuer=(), drafters=(), region="全市",
                    tags=(), managed=True, source=None, summary=None, reviews=tuple(reviews), evaluations=(),
                    attachments=(), path="p", rel="p", line=1, lines={}, slug=slugify(code))


@pytest.mark.parametrize("standard, replacing, expected", [
    (make(effective=None, stage="制定中"), [], "制定中"),
    (make(effective=dt.date(2025, 7, 1)), [], "即将实施"),
    (make(effective=D), [], "现行"),                                   # effective == D is in force
    (make(abolished=D), [], "废止"),
    (make(abolished=dt.date(2025, 7, 1)), [], "现行"),
    (make(), [make("Q/T 2-2025", effective=D)], "被代替"),
    (make(), [make("Q/T 2-2025", effective=dt.date(2025, 7, 1))], "现行"),
    (make(abolished=D), [make("Q/T 2-2025", effective=D)], "废止"),    # abolished wins over replaced
    (make(effective=dt.date(2026, 1, 1), abolished=D), [], "即将实施"),
])
def test_status_branches(standard, replacing, expected):
    assert standard_status(standard, replacing, D) == expected


def test_catalog_derives_replaced_by_and_status():
    old, new = make("Q/T 1-2020"), make("Q/T 1-2024", replaces=["Q/T 1-2020", "GB/T 9-1999"], effective=dt.date(2025, 1, 1))
    cat = Catalog(Project(src="s", root="/", framework=Framework(()), standards=(old, new)), D)
    assert cat.replaced_by == {"Q/T 1-2020": ["Q/T 1-2024"], "GB/T 9-1999": ["Q/T 1-2024"]}
    assert cat.status == {"Q/T 1-2020": "被代替", "Q/T 1-2024": "现行"}
    record = standard_record(cat, old)
    assert record["replaced_by"] == ["Q/T 1-2024"] and record["status"] == "被代替"
    assert record["page"] == "standards/q-t-1-2020/" and record["issued"] is None


def test_issued_by():
    assert issued_by(make(issued=dt.date(2025, 6, 30), effective=dt.date(2025, 9, 1)), D)
    assert not issued_by(make(issued=dt.date(2025, 7, 1), effective=dt.date(2025, 9, 1)), D)
    assert issued_by(make(issued=None, effective=dt.date(2025, 1, 1)), D)
    assert not issued_by(make(issued=None, effective=None, stage="制定中"), D)


def test_review_due_five_years_after_later_of_effective_and_last_review():
    s = make(effective=dt.date(2020, 6, 30))
    assert review_due(s, D) and review_due_date(s, D) == dt.date(2025, 6, 30)
    assert not review_due(make(effective=dt.date(2020, 7, 1)), D)
    reviewed = make(effective=dt.date(2018, 1, 1), reviews=[Review(dt.date(2023, 1, 1), "继续有效", None)])
    assert not review_due(reviewed, D) and review_due_date(reviewed, D) == dt.date(2028, 1, 1)


def test_review_due_date_from_29_february_is_1_march():
    s = make(effective=dt.date(2020, 2, 29))
    assert review_due_date(s, D) == dt.date(2025, 3, 1)
    assert not review_due(s, dt.date(2025, 2, 28)) and review_due(s, dt.date(2025, 3, 1))


def test_29_february_rule():
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert evaluation_expected(make(effective=dt.date(2023, 2, 28)), dt.date(2024, 2, 29))
    assert not evaluation_expected(make(effective=dt.date(2023, 3, 1)), dt.date(2024, 2, 29))


@pytest.mark.parametrize("raw, code, slug", [
    ("DB50/T 1016-2020", "DB50/T 1016-2020", "db50-t-1016-2020"),
    ("DB50/T 1016—2020", "DB50/T 1016-2020", "db50-t-1016-2020"),
    ("ＤＢ５０／Ｔ　１０１６－２０２０", "DB50/T 1016-2020", "db50-t-1016-2020"),
    ("GB/T  24421.1–2023", "GB/T 24421.1-2023", "gb-t-24421-1-2023"),
])
def test_code_normalisation_and_slug(raw, code, slug):
    assert normalize_code(raw) == code
    assert slugify(raw) == slug
