"""Decoding files: BOM, declared charset, --encoding, strict UTF-8, and errors that say what to do."""
from __future__ import annotations

import codecs

import pytest

from exolint.decode import DecodeError, decode, detect, is_binary

TEXT = "Café — Botox® 😀 <p>x</p>\r\nZeile"


# -- byte order marks --------------------------------------------------------------------------
@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_bom_wins_and_is_removed(bom: bytes, codec: str) -> None:
    data = bom + TEXT.encode(codec)
    assert decode(data, "a.md") == TEXT
    # even over a declaration and --encoding
    assert decode(data, "a.html", "cp1252") == TEXT
    assert not is_binary(data)


def test_bom_beats_a_meta_charset() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>Café</p>'.encode()
    assert decode(data, "page.html") == '<meta charset="iso-8859-1"><p>Café</p>'


def test_offsets_in_errors_count_the_bom() -> None:
    data = codecs.BOM_UTF8 + b"abc\xff"
    with pytest.raises(DecodeError, match=r"byte 0xff at offset 6"):
        decode(data, "a.txt")


# -- declarations ------------------------------------------------------------------------------
@pytest.mark.parametrize("decl", [
    b'<meta charset="windows-1252">',
    b"<meta charset=windows-1252>",
    b"<META CHARSET='cp1252' />",
    b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    b"<meta content='text/html;charset=cp1252' http-equiv='content-type'>",
])
def test_html_meta_charset(decl: bytes) -> None:
    data = b"<!DOCTYPE html><html><head>" + decl + b"</head><p>Caf\xe9 \x93quoted\x94</p>"
    assert decode(data, "page.html") == (
        "<!DOCTYPE html><html><head>" + decl.decode() + "</head><p>Café “quoted”</p>")


def test_latin1_label_means_windows_1252_as_in_browsers() -> None:
    data = b'<meta charset="iso-8859-1"><p>\x93smart quotes\x94 caf\xe9</p>'
    assert decode(data, "x.htm").endswith("“smart quotes” café</p>")


def test_meta_charset_only_counts_in_the_first_2048_bytes_and_outside_comments() -> None:
    late = b"<p>" + b"x" * 2100 + b'</p><meta charset="cp1252"><p>caf\xe9</p>'
    with pytest.raises(DecodeError, match="utf-8"):
        decode(late, "page.html")
    commented = b'<!-- <meta charset="cp1252"> --><p>caf\xe9</p>'
    with pytest.raises(DecodeError):
        decode(commented, "page.html")


def test_meta_charset_applies_to_html_paths_or_markup_content_only() -> None:
    data = b'Notes: <meta charset="cp1252"> caf\xe9'
    assert decode(data, "notes.html").endswith("café")
    with pytest.raises(DecodeError):
        decode(data, "notes.md")  # not HTML-ish: strict UTF-8
    assert decode(b'  \n<meta charset="cp1252"><p>caf\xe9', "page").endswith("café")


def test_xml_declaration() -> None:
    data = b'<?xml version="1.0" encoding="ISO-8859-15"?><html><p>\xa4 5</p></html>'
    assert "€ 5" in decode(data, "page.xhtml")


def test_unknown_or_useless_declared_labels_are_ignored() -> None:
    assert decode(b'<meta charset="no-such-thing"><p>caf\xc3\xa9', "a.html").endswith("café")
    # a page read as ASCII cannot really be UTF-16, whatever it says
    assert decode(b'<meta charset="utf-16"><p>caf\xc3\xa9', "a.html").endswith("café")


def test_declaration_beats_encoding_option_but_option_is_the_fallback() -> None:
    data = b'<meta charset="utf-8"><p>caf\xc3\xa9</p>'
    assert decode(data, "a.html", "cp1252").endswith("café</p>")
    wrong = b'<meta charset="utf-8"><p>caf\xe9</p>'  # declared wrongly
    with pytest.raises(DecodeError) as err:
        decode(wrong, "a.html")
    assert "<meta charset>" in str(err.value) and "--encoding" in str(err.value)
    assert decode(wrong, "a.html", "cp1252").endswith("café</p>")


# -- --encoding and UTF-8 ----------------------------------------------------------------------
def test_encoding_option_and_default_utf8() -> None:
    assert decode("Crème".encode("cp1252"), "a.md", "cp1252") == "Crème"
    assert decode("Crème".encode("latin-1"), "a.md", "latin-1") == "Crème"
    assert decode("Crème 😀\r\n".encode(), "a.md") == "Crème 😀\r\n"
    assert decode(b"", "empty.md") == ""


def test_utf8_error_names_byte_offset_and_encoding_option() -> None:
    data = b"x" * 1234 + b"\xe9t\xe9"
    with pytest.raises(DecodeError) as err:
        decode(data, "page.md")
    assert str(err.value) == (
        "cannot decode as utf-8 (byte 0xe9 at offset 1234); pass --encoding "
        "(for example --encoding cp1252) if the file uses another encoding")
    assert isinstance(err.value, ValueError)


def test_truncated_utf8_and_surrogates_are_errors() -> None:
    with pytest.raises(DecodeError, match=r"offset 3, the file ends inside a character"):
        decode(b"abc\xe2\x82", "a.md")
    with pytest.raises(DecodeError, match=r"byte 0xed at offset 0"):
        decode(b"\xed\xa0\x80", "a.md")  # an encoded surrogate is not UTF-8


def test_encoding_option_that_does_not_fit() -> None:
    with pytest.raises(DecodeError) as err:
        decode(b"ok \x81", "a.md", "cp1252")
    assert "cp1252 (--encoding) (byte 0x81 at offset 3)" in str(err.value)
    assert "--encoding" in str(err.value)


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13", ""])
def test_unknown_encoding_name(name: str) -> None:
    with pytest.raises(DecodeError, match="unknown encoding .* --encoding"):
        decode(b"plain", "a.md", name)


def test_detect_reports_the_order_of_attempts() -> None:
    assert detect(codecs.BOM_UTF8 + b"x", "a.md", "cp1252") == (3, [("utf-8", "byte order mark"),
                                                                    ("cp1252", "--encoding")])
    assert detect(b"<meta charset=utf-8>", "a.html") == (0, [("utf-8", "<meta charset>")])
    assert detect(b"x", "a.md", "Windows-1252") == (0, [("cp1252", "--encoding")])
    assert detect(b"x", "a.md") == (0, [("utf-8", "")])


# -- binary files ------------------------------------------------------------------------------
def test_is_binary() -> None:
    assert not is_binary(b"")
    assert not is_binary("Hello, wörld\r\n\tTabs \x1b[0m and form\x0cfeed".encode())
    assert not is_binary("Crème".encode("cp1252"))
    assert is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert is_binary(b"%PDF-1.4 text then a NUL \x00")
    assert is_binary(bytes(range(1, 32)) * 10)  # no NUL but mostly control characters
    assert not is_binary(b"a" * 9000 + b"\x00")  # a NUL after the first 8 KB does not count
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
               "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
        assert not is_binary(bom + "text".encode(codec))
    assert is_binary("text".encode("utf-16-le"))  # without a BOM it looks binary, as in git
