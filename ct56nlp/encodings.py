"""Decoding bytes into Vietnamese text, including the legacy 8-bit font encodings.

Older archives hold text typed in the TCVN3 (ABC, ".VnTime" fonts) and VNI encodings. Those
encodings reuse the code points of Latin-1/Windows-1252, so the same bytes decode "successfully"
as Western text and produce mojibake ("Céng hßa", "Coäng hoøa").  The conversion therefore has
two steps: recognise which encoding a text really is, by scoring how many common Vietnamese
syllables each candidate decoding produces, then map the code points to Unicode.  The legacy
text may reach us as raw bytes (a ``.txt`` file) or already as Unicode characters (a DOCX whose
runs use a .VnTime font), so both converters work on ``str``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = [
    "decode_bytes",
    "detect_legacy",
    "tcvn3_to_unicode",
    "vni_to_unicode",
    "fix_legacy",
    "vietnamese_score",
]

# TCVN 5712:1993 (VN3, the ".VnTime" fonts): bytes 0x80-0xFF.  Read off glibc's TCVN5712-1 codec.
# In .VnTimeH (the upper-case fonts) the lower-case codes draw upper-case glyphs; the text itself
# does not say which font was used, so those letters come out lower-case.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
assert len(_TCVN3_HIGH) == 128


def _byte_of(ch: str) -> int | None:
    """The 8-bit code a legacy-font character was typed as (Latin-1 or its cp1252 twin)."""
    o = ord(ch)
    if o < 0x100:
        return o
    try:
        b = ch.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return b[0] if len(b) == 1 else None


def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i, uni in enumerate(_TCVN3_HIGH):
        byte = 0x80 + i
        table[byte] = uni  # as Latin-1 code point
        cp = bytes([byte]).decode("cp1252", errors="ignore")
        if cp and ord(cp) != byte:
            table[ord(cp)] = uni  # as the cp1252 character Word stores for that byte
    return table


_TCVN3 = _tcvn3_table()


def tcvn3_to_unicode(text: str) -> str:
    """Convert text typed in TCVN3 (ABC) into Unicode (combining marks composed later, by NFC)."""
    return text.translate(_TCVN3)


# VNI-Windows: a base letter followed by one "mark" character carrying its diacritics.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
# Characters that stand alone: horn vowels, đ, and the i/ỵ letters that have their own codes.
_VNI_SINGLE = {
    "ô": "o" + _HORN, "ö": "u" + _HORN, "ñ": "đ",
    "í": "i" + _ACUTE, "ì": "i" + _GRAVE, "æ": "i" + _HOOK, "ó": "i" + _TILDE, "ò": "i" + _DOT,
    "î": "y" + _DOT,
}  # fmt: skip
_VNI_SINGLE.update({k.upper(): v.upper() for k, v in list(_VNI_SINGLE.items())})
_VNI_SINGLE["Ñ"] = "Đ"
_VNI_TOKEN = re.compile(
    "([aeouyAEOUYôöÔÖ])([" + "".join(sorted(_VNI_MARKS)) + "])|([" + "".join(sorted(_VNI_SINGLE)) + "])"
)


def vni_to_unicode(text: str) -> str:
    """Convert text typed in VNI-Windows into Unicode (one pass: a mark is read with its base)."""

    def token(m: re.Match[str]) -> str:
        if m.group(3):
            return unicodedata.normalize("NFC", _VNI_SINGLE[m.group(3)])
        base, mark = m.group(1), _VNI_MARKS[m.group(2)]
        base = _VNI_SINGLE.get(base, base)
        if mark.startswith(_BREVE) and base.lower() != "a":
            return m.group(0)  # a breve only sits on "a": this is not VNI
        if mark.startswith(_CIRC) and base.lower() not in "aeo":
            return m.group(0)
        return unicodedata.normalize("NFC", base + mark)

    return _VNI_TOKEN.sub(token, text)


# Syllables frequent in administrative Vietnamese, used to score candidate decodings.
_COMMON = frozenset(
    """của và các có được trong cho với là này theo đã người không những về một để năm ngày
    số tỉnh đơn vị việc thực hiện ủy ban nhân dân đề nghị công văn báo cáo quyết định sở huyện
    xã trách nhiệm chỉ đạo giải tháng kính gửi nội dung cơ quan quy thời hạn trước sau phải
    tại đến từ như lý tình hình kết quả chức năng vụ triển khai phối hợp cấp ý kiến""".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> int:
    """How many tokens of ``text`` are common Vietnamese syllables (after NFC)."""
    text = unicodedata.normalize("NFC", text)
    return sum(1 for w in _WORD.findall(text.lower()) if w in _COMMON)


def _has_high(text: str) -> bool:
    return any(ord(c) >= 0x80 for c in text)


def detect_legacy(text: str) -> str | None:
    """Return ``"tcvn3"`` or ``"vni"`` when ``text`` is legacy-font mojibake, else ``None``."""
    if not _has_high(text):
        return None
    sample = text[:20000]
    base = vietnamese_score(sample)
    best, best_score = None, base
    for name, fn in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        score = vietnamese_score(fn(sample))
        # A real legacy text gains a lot; demand a clear margin so Unicode text is never touched.
        if score > best_score and score >= base + 3 and score >= 1.5 * base:
            best, best_score = name, score
    return best


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Convert ``text`` if it is in a legacy font encoding; return it and the encoding found."""
    enc = detect_legacy(text)
    if enc == "tcvn3":
        return tcvn3_to_unicode(text), enc
    if enc == "vni":
        return vni_to_unicode(text), enc
    return text, None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _check_textual(text: str) -> None:
    """Refuse decodings that are mostly control, private-use or unassigned characters."""
    sample = text[:20000]
    if not sample:
        return
    bad = sum(
        1
        for c in sample
        if (unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\n\r\t\f") or c == "\ufffd"
    )
    if bad > 0.05 * len(sample):
        raise ValueError("its bytes decode to control or unassigned characters: it is binary, not text")


def decode_bytes(data: bytes) -> tuple[str, str]:
    text, encoding = _decode(data)
    _check_textual(text)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a plain-text file; return the text and the encoding used.

    Order: a byte-order mark; UTF-16 recognised by its NUL pattern; strict UTF-8; otherwise the
    best-scoring of Windows-1258, TCVN3 and VNI.  Legacy mojibake inside otherwise valid UTF-8
    (a converted .VnTime document) is converted too.  Raises ``ValueError`` for binary data.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ValueError(f"the file starts with a {enc} byte-order mark but is not {enc}") from exc
    enc16 = _looks_utf16(data)
    if enc16:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8000]:
        raise ValueError("the file holds NUL bytes: it is binary, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        fixed, legacy = fix_legacy(text)
        return fixed, ("utf-8+" + legacy) if legacy else "utf-8"
    candidates = []
    cp1258 = data.decode("cp1258", errors="replace")
    candidates.append((vietnamese_score(cp1258), "cp1258", cp1258))
    latin = data.decode("latin-1")
    for name, fn in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        conv = fn(latin)
        candidates.append((vietnamese_score(conv), name, conv))
    # Ties go to Windows-1258, the only one of the three that is a registered charset.
    score, name, text = max(candidates, key=lambda c: (c[0], c[1] == "cp1258"))
    return text, name
