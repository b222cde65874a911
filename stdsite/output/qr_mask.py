"""segno's choice of QR mask, computed faster: the same masks, the same penalty rules (segno's own
reading of ISO/IEC 18004 7.8.3, quirks included), so the same mask wins and the same code is drawn
(tests/unit/test_qr_mask.py compares both on hundreds of URLs).

segno applies each of the 8 masks and scores it module by module in Python: about 5 ms of the
7 ms a code costs, and a site prints two codes a standard (its page, its 意见反馈 page). Here a
row of modules (bytes 0/1) is also read as one big integer, one byte per module: a mask is one
XOR per row, and runs, 2×2 blocks and dark modules are counted by regular expressions and bit
operations instead of loops. Only for QR codes (Micro QR and a proposed mask go to segno).
"""
from __future__ import annotations

import functools
import re

from segno import encoder

_N3 = bytes((1, 0, 1, 1, 1, 0, 1))
_RUN = re.compile(rb"\x00{5,}|\x01{5,}")


def install() -> None:
    """Make segno use this module's mask choice (idempotent)."""
    if encoder.find_and_apply_best_mask is not find_and_apply_best_mask:
        find_and_apply_best_mask.original = encoder.find_and_apply_best_mask
        encoder.find_and_apply_best_mask = find_and_apply_best_mask


def find_and_apply_best_mask(matrix, width, height, proposed_mask=None):
    """Drop-in for segno.encoder.find_and_apply_best_mask: (mask number, masked matrix)."""
    original = find_and_apply_best_mask.original
    if proposed_mask is not None or width != height or width < 21:
        return original(matrix, width, height, proposed_mask)
    rows = [int.from_bytes(row, "big") for row in matrix]
    best_score, best_mask, best_rows = None, 0, None
    for number, mask_rows in enumerate(_mask_rows(width)):
        masked = [row ^ mask for row, mask in zip(rows, mask_rows)]
        score = _penalty([value.to_bytes(width, "big") for value in masked], masked, width)
        if best_score is None or score < best_score:
            best_score, best_mask, best_rows = score, number, masked
    return best_mask, tuple(bytearray(value.to_bytes(width, "big")) for value in best_rows)
find_and_apply_best_mask.original = encoder.find_and_apply_best_mask


@functools.lru_cache(maxsize=64)
def _mask_rows(width: int) -> tuple[tuple[int, ...], ...]:
    """For each mask, its rows as integers: 1 in the byte of each module it flips (the modules of
    the encoding region where the mask's condition holds)."""
    function_matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function_matrix, width, width)
    encoder.add_alignment_patterns(function_matrix, width, width)
    function_matrix[-8][8] = 0x1
    out = []
    for pattern in encoder.get_data_mask_functions(False):
        out.append(tuple(
            int.from_bytes(bytes(1 if function_matrix[i][j] > 0x1 and pattern(i, j) else 0 for j in range(width)), "big")
            for i in range(width)))
    return tuple(out)


def _penalty(rows: list[bytes], values: list[int], size: int) -> int:
    """segno.encoder.evaluate_mask of a square matrix (rows as bytes and as integers)."""
    lines = rows + [bytes(column) for column in zip(*rows)]
    runs = _RUN.findall(b"\x02".join(lines))          # (a separator no run crosses)
    n1 = sum(map(len, runs)) - 2 * len(runs)
    # N2: modules equal to their left, upper and upper-left neighbours (3 points each)
    lanes = int.from_bytes(b"\x00" + b"\x01" * (size - 1), "big")     # every column but the first
    blocks = 0
    for upper, lower in zip(values, values[1:]):
        dark = upper & lower & (upper >> 8) & (lower >> 8)
        light = lanes & ~(upper | lower | (upper >> 8) | (lower >> 8))
        blocks += (dark | light).bit_count()
    n3 = sum(_n3_occurrences(line, size) for line in lines if _N3 in line)
    dark_modules = sum(value.bit_count() for value in values)
    n4 = 10 * int(abs(float(dark_modules) / (size ** 2) * 100 - 50) / 5)
    return n1 + 3 * blocks + n3 + n4


def _n3_occurrences(seq: bytes, size: int) -> int:
    """segno's count of 1:1:3:1:1 patterns with four light modules on one side (40 points each)."""
    count = 0
    index = seq.find(_N3)
    while index != -1:
        offset = index + 7
        if index in (0, size - 7) or not any(seq[max(index - 4, 0):min(index, size)]) \
                or not any(seq[max(offset, 0):min(offset + 4, size)]):
            count += 40
        else:
            offset = index + 4
        index = seq.find(_N3, offset)
    return count
