"""Exams: the questions of a course in page order and exact integer weights for scoring.

The page scores in the browser (nothing is sent anywhere): score = points of right answers ÷
all points, as a whole percent rounded half up, 通过 when the exact score ≥ `pass`. To keep that
exact in JavaScript, points (written as decimals, `points: 0.5`) become integer weights with the
same ratios, and the pass mark a fraction `numerator / denominator`.
"""
from __future__ import annotations

import math
from fractions import Fraction

from ..model import Course, Question, Quiz


def questions(course: Course) -> list[Question]:
    """Every question of the course's valid quiz blocks, in page order (one exam per page)."""
    return [q for block in course.blocks if block.kind == "quiz" and isinstance(block.parsed, Quiz)
            for q in block.parsed.questions]


def exact(value: float) -> Fraction:
    """A number as its editor wrote it (0.1 is one tenth, not the nearest binary float)."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def weights(points: list[float]) -> list[int]:
    """Integer weights with the same ratios as `points` (e.g. [0.5, 1, 1.5] -> [1, 2, 3])."""
    fractions = [exact(p) for p in points]
    scale = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
    ints = [int(f * scale) for f in fractions]
    common = math.gcd(*ints) if ints else 1
    return [n // (common or 1) for n in ints]


def total_points(course: Course) -> Fraction:
    return sum((exact(q.points) for q in questions(course)), Fraction(0))


def pass_points(course: Course) -> Fraction:
    """The fewest points that pass: `pass` percent of all points (exact)."""
    return exact(course.exam.pass_mark) * total_points(course) / 100 if course.exam else Fraction(0)
