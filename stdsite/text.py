"""Text rules shared by every stage: codes and slugs, natural order, dates, did-you-mean hints.

Sits at the bottom of the package (with errors, urls and model): pure functions, no I/O.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable

DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATED_CODE = re.compile(r"^(.+)-(\d{4})$")      # a code with its year (or its page name): (code without it, year)
DASHES = dict.fromkeys(map(ord, "—–－‐‑‒―−﹣"), "-")

# invisible characters that make two values look the same (or text run backwards): control
# characters, format characters (zero-width, BOM, bidi controls) and line/paragraph separators
INVISIBLE_NAMES = {
    0x200B: "零宽空格", 0x200C: "零宽非连接符", 0x200D: "零宽连接符", 0xFEFF: "零宽不换行空格（BOM）",
    0x2060: "零宽字连接符", 0x00AD: "软连字符", 0x200E: "从左到右标记", 0x200F: "从右到左标记",
    **dict.fromkeys(range(0x202A, 0x202F), "双向文字控制符"), **dict.fromkeys(range(0x2066, 0x206A), "双向文字隔离符"),
    0x2028: "行分隔符", 0x2029: "段分隔符",
}


_NOT_LOOKED_FOR: dict[str, dict[int, None]] = {}


def _not_looked_for(allowed: str) -> dict[int, None]:
    """A translation table deleting `allowed` and the ordinary spaces (category Zs, not printable)."""
    table = dict.fromkeys(map(ord, allowed + "\u00a0\u3000\u2002\u2003\u2009\u202f"))
    _NOT_LOOKED_FOR[allowed] = table
    return table


def invisible_character(text: str, allowed: str = "") -> tuple[int, str] | None:
    """(1-based position, description) of the first invisible character in `text` (other than
    those in `allowed`), or None."""
    # fast path: str.isprintable() is False for every category looked for below (and for spaces
    # other than ' ', which are removed first), so printable text has none of them
    if text.isprintable() or text.translate(_NOT_LOOKED_FOR.get(allowed) or _not_looked_for(allowed)).isprintable():
        return None
    for index, char in enumerate(text, start=1):
        if char in allowed or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
            continue
        code = ord(char)
        name = INVISIBLE_NAMES.get(code, "控制字符" if unicodedata.category(char) == "Cc" else "不可见字符")
        return index, f"U+{code:04X}（{name}）"
    return None


def normalize_code(code: str) -> str:
    """Normalise a standard code: NFKC, any dash to '-', runs of spaces to one."""
    text = unicodedata.normalize("NFKC", code).translate(DASHES)
    return re.sub(r"\s+", " ", text).strip()


def slugify(code: str) -> str:
    """`DB50/T 1016-2020` -> `db50-t-1016-2020` (the permanent URL part)."""
    return re.sub(r"[^a-z0-9]+", "-", normalize_code(code).lower()).strip("-")


def area_slug(area_id: str) -> str:
    """The URL name of an area page: its id in ASCII, or a stable hash for an id without any."""
    return slugify(area_id) or "area-" + hashlib.sha1(area_id.encode("utf-8")).hexdigest()[:8]


def natural_key(text: str) -> tuple:
    """Sort key that orders `1016` after `105` ("natural code order")."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def parse_date(text: str) -> dt.date | None:
    """A `YYYY-MM-DD` date, or None for another form or an impossible date."""
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


LOOSE_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$")


def date_problem(text: str) -> tuple[dt.date | None, str]:
    """A date an editor wrote in another form or with full-width digits: (the date, "") when it is
    `YYYY-MM-DD` once full-width forms and dashes are made plain; else (None, why in Chinese with
    the corrected value when it is obvious)."""
    plain = unicodedata.normalize("NFKC", text).translate(DASHES).strip()
    parsed = parse_date(plain)
    if parsed:
        return parsed, ""
    m = LOOSE_DATE.match(plain)
    if not m:
        return None, "格式不对，应为 YYYY-MM-DD，如 2023-03-01"
    year, month, day = (int(g) for g in m.groups() if g is not None)
    if not 1 <= month <= 12:
        return None, f"不存在：月份应为 1 到 12，这里是 {month}"
    last = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= last:
        return None, f"不存在：{year} 年 {month} 月没有 {day} 日（只有 {last} 天）"
    return None, f"格式不对，请写成 {year:04d}-{month:02d}-{day:02d}"


# a 文号's year in brackets other than the 六角括号 〔〕 (GB/T 9704): [2024] (2024) （2024） 【2024】 ［2024］ 〈〉 ﹝﹞
DOCNO_BRACKETS = re.compile(r"^(\S*?)([\[(（【［〈<﹝{])\s*(\d{4})\s*([\])）】］〉>﹞}])(\s*\d+\s*号.*)$")


def docno_bracket_problem(number: str) -> str | None:
    """Why a 文号 that uses other brackets around its year should use 〔〕, with the corrected
    文号; None when its brackets are right (or it is no 文号)."""
    m = DOCNO_BRACKETS.match(number.strip())
    if not m:
        return None
    prefix, opening, year, closing, rest = m.groups()
    return f"的年份括号用了「{opening}{closing}」，应为六角括号「〔〕」，写成 {prefix}〔{year}〕{rest.strip()}"


def iso_date(day: dt.date | None) -> str | None:
    """`YYYY-MM-DD`, or None for an absent date (the JSON exports' form)."""
    return day.isoformat() if day else None


def years_before(day: dt.date, years: int) -> dt.date:
    """Same month and day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: dt.date, years: int) -> dt.date:
    """Same month and day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def months_before(day: dt.date, months: int) -> dt.date:
    """Same day `months` earlier, clamped to the month's last day (31 Aug - 6 months = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6, quote_hint: bool = False) -> str:
    """`，是否应为「x」？` for the closest choice, or "" when none is close enough.

    `quote_hint` writes the suggestion with 「」 inside a quoted form (`是否应为 「x」？`) as the
    quiz messages do."""
    choices = list(choices)
    match = difflib.get_close_matches(value, choices, n=1, cutoff=cutoff) or \
        difflib.get_close_matches(value.lower(), choices, n=1, cutoff=cutoff)
    if not match:
        return ""
    return f"，是否应为 「{match[0]}」？" if quote_hint else f"，是否应为「{match[0]}」？"


# -- names that become files and folders (the site, the offline zip unpacked on Windows) -------------
_NOT_ON_WINDOWS = re.compile(r'[<>:"/\\|?*]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x80-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)
MAX_NAME_BYTES = 200


def file_name_problem(name: str) -> str | None:
    """Why `name` cannot be a published file or folder name everywhere (on Windows too, where
    the offline bundle is unpacked), in Chinese; None when it can."""
    if _CONTROL.search(name):
        return "含有换行等控制字符"
    if _BIDI.search(name):
        return "含有改变文字方向的控制字符（可用来伪装扩展名）"
    bad = sorted(set(_NOT_ON_WINDOWS.findall(name)))
    if bad:
        return f"含有 Windows 文件名不允许的字符「{' '.join(bad)}」（不能用 < > : \" / \\ | ? *）"
    if name.rstrip(". ") != name:
        return "以「.」或空格结尾，Windows 无法保存"
    if _DEVICE.match(name):
        return f"是 Windows 的保留名称「{name.split('.')[0]}」，无法作为文件名"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"过长（超过 {MAX_NAME_BYTES} 字节）"
    return None


def chinese_date(day: dt.date) -> str:
    """2026-12-02 -> 2026年12月2日 (the form used on certificates and formal documents)."""
    return f"{day.year}年{day.month}月{day.day}日"


def download_name(text: str) -> str:
    """A title made safe as a file name on Windows, macOS and Linux: the characters no system
    accepts (\\ / : * ? " < > | and control characters) become -, runs of spaces one space, and
    no dot or space at either end: 《公务用车》: 派车 -> 《公务用车》- 派车."""
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", text)
    return re.sub(r"\s+", " ", text).strip(". ") or "未命名"
