"""The faster mask choice (stdsite/output/qr_mask.py) draws exactly the codes segno draws."""
from __future__ import annotations

import random

import segno
from segno import encoder

from stdsite.output import qr_mask


def _urls() -> list[str]:
    rng = random.Random(20251231)
    pages = [f"http://biaozhun.jgswj.local/standards/q-cqjg-{k}-2023/" for k in range(25)]
    pages += [f"https://10.1.2.3:8443/std/standards/db50-t-{k}-2020/feedback/" for k in range(10)]
    # lengths from 1 to 300 characters: QR versions 1 to 13 (alignment patterns, version information)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789/-._?=&%"
    pages += ["https://" + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))) for _ in range(45)]
    return pages


def _draw(url: str, mask: int | None = None) -> str:
    return segno.make(url, error="m", micro=False, mask=mask).svg_inline(scale=1, omitsize=True)


def test_the_same_mask_wins_and_the_same_code_is_drawn():
    qr_mask.install()
    urls = _urls()
    ours = [(_draw(u), segno.make(u, error="m", micro=False).mask) for u in urls]
    encoder.find_and_apply_best_mask = qr_mask.find_and_apply_best_mask.original
    try:
        theirs = [(_draw(u), segno.make(u, error="m", micro=False).mask) for u in urls]
    finally:
        qr_mask.install()
    assert ours == theirs
    assert len({mask for _, mask in ours}) >= 6          # the cases reach most masks, not one


def test_a_proposed_mask_and_micro_codes_are_left_to_segno():
    qr_mask.install()
    assert segno.make("https://a.example/", error="m", micro=False, mask=3).mask == 3
    assert segno.make("12345", micro=True).is_micro
