"""Bytes to text: which encoding a file is in, and a clear error when it is not the one we think.

Exolint's offsets count code points of the decoded text with the BOM removed, so decoding must be
strict: a silently replaced byte would shift every position reported after it. The order is the
one a browser (or an XML parser) follows: a byte order mark wins, then an encoding the file
declares (`<meta charset>`, `http-equiv` Content-Type, `<?xml encoding?>`), then `--encoding`,
then UTF-8. When a declaration turns out wrong, `--encoding` is still tried, so the user always
has a way out.
"""
from __future__ import annotations

import codecs
import re

__all__ = ["DecodeError", "decode", "detect", "is_binary"]


class DecodeError(ValueError):
    """A file could not be decoded; the message says where and what to do about it."""


# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_BOMS = tuple(mark for mark, codec in BOMS if codec != "utf-8")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
PRESCAN_BYTES = 2048  # how far a browser looks for <meta charset>
BINARY_SAMPLE = 8192

_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"<meta[\s/][^>]*>", re.I)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTTP_EQUIV = re.compile(rb"""http-equiv\s*=\s*["']?\s*content-type""", re.I)
_CHARSET_ATTR = re.compile(rb"""[\s/"']charset\s*=""", re.I)
_XML_DECL = re.compile(rb"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# Bytes that appear in text: TAB LF VT FF CR, BEL, BS, ESC and everything printable (not DEL).
_TEXT_BYTES = bytes({7, 8, 9, 10, 11, 12, 13, 27} | set(range(0x20, 0x7F)) | set(range(0x80, 0x100)))


def _codec(name: str) -> str | None:
    """Python's name for an encoding label, or None if it is not a text encoding."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    try:
        b"a".decode(info.name)  # rejects bytes-to-bytes codecs such as base64 or rot13
    except LookupError:
        return None
    except ValueError:
        pass  # "a" alone is not valid UTF-16; the codec itself is fine
    return info.name


def _web_codec(name: str | bytes) -> str | None:
    """A declared label as browsers read it (WHATWG Encoding): latin-1 and ASCII mean cp1252."""
    codec = _codec(name.decode("ascii") if isinstance(name, bytes) else name)
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if codec in ("utf-16", "utf-16-le", "utf-16-be"):
        return "utf-8"  # a declaration read as ASCII cannot be in UTF-16; browsers say the same
    return codec


def _declared(data: bytes, path: str) -> tuple[str, str] | None:
    """The encoding an HTML or XML file declares in its first bytes, and where it says so."""
    head = data[:PRESCAN_BYTES]
    m = _XML_DECL.match(head)
    if m:
        codec = _web_codec(m.group(1))
        if codec:
            return codec, "<?xml encoding?>"
    if not (path.lower().endswith(HTML_EXTENSIONS) or head.lstrip().startswith(b"<")):
        return None
    for tag in _META.finditer(_COMMENT.sub(b"", head)):
        text = tag.group()
        if _CHARSET_ATTR.search(text) or _HTTP_EQUIV.search(text):
            cs = _META_CHARSET.search(text)
            codec = _web_codec(cs.group(1)) if cs else None
            if codec:
                return codec, "<meta charset>"
    return None


def detect(data: bytes, path: str, encoding: str | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Length of the BOM and the encodings to try, in order, each with why it is tried.

    Exposed so that writing a fixed file back can reuse exactly the encoding that read it.
    """
    if encoding is not None and _codec(encoding) is None:
        raise DecodeError(f"unknown encoding {encoding!r} given with --encoding "
                          "(use a Python codec name, for example --encoding cp1252 or --encoding latin-1)")
    given = [(_codec(encoding) or encoding, "--encoding")] if encoding is not None else []
    for mark, codec in BOMS:
        if data.startswith(mark):
            return len(mark), [(codec, "byte order mark"), *given]
    declared = _declared(data, path)
    if declared:
        return 0, [declared, *given]
    return 0, given or [("utf-8", "")]


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """The text of a file (BOM removed), decoded strictly; raises DecodeError with advice."""
    skip, tries = detect(data, path, encoding)
    body = data[skip:] if skip else data
    failures = []
    for codec, why in tries:
        try:
            return body.decode(codec)
        except UnicodeDecodeError as exc:
            failures.append(_describe(exc, codec, why, skip))
    first = failures[0]
    if tries[0][1] == "--encoding":
        advice = "check the --encoding value (for example --encoding utf-8 or --encoding cp1252)"
    elif len(failures) > 1:
        advice = f"nor as {failures[1]}; check the --encoding value"
    else:
        advice = ("pass --encoding (for example --encoding cp1252) if the file uses another encoding"
                  + (" than it declares" if tries[0][1] not in ("", "byte order mark") else ""))
    raise DecodeError(f"cannot decode as {first}; {advice}")


def _describe(exc: UnicodeDecodeError, codec: str, why: str, skip: int) -> str:
    bad = exc.object[exc.start:exc.start + 1]
    where = f"byte 0x{bad.hex()} at offset {skip + exc.start}"
    if "end of data" in exc.reason:
        where += ", the file ends inside a character"
    return f"{codec} ({why}) ({where})" if why else f"{codec} ({where})"


def is_binary(data: bytes) -> bool:
    """True for files that are not text at all, so they are skipped rather than reported as errors."""
    if not data:
        return False
    if data.startswith(_WIDE_BOMS):
        return False
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > 0.3 * len(sample)
