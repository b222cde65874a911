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


def reachable_pass_points(course: Course) -> Fraction:
    """The fewest points a learner can actually score and pass with: the smallest sum of some
    questions' points that is at least pass_points (60% of 13 points is 7.8, but with points of
    1, 1.5 and 2 the least passing score is 8)."""
    points = [exact(q.points) for q in questions(course)]
    need = pass_points(course)
    if not points or need <= 0:
        return Fraction(0)
    scale = math.lcm(*(p.denominator for p in points))
    sums = 1                                   # bit n set: n / scale points can be scored
    for p in points:
        sums |= sums << int(p * scale)
    least = math.ceil(need * scale)
    while not (sums >> least) & 1:
        least += 1
    return Fraction(least, scale)
