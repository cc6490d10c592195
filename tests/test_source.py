"""Decoding source bytes like CPython: cookies, byte order marks, NUL bytes, bad bytes."""

from __future__ import annotations

import codecs
import io
import tokenize
from pathlib import Path

import pytest

from frontier_lint.source import Source, SourceError, decode, load_source, read_source


def err(data: bytes) -> SourceError:
    with pytest.raises(SourceError) as info:
        decode(data, "pkg/mod.py")
    return info.value


# --------------------------------------------------------------------------- the common cases


def test_plain_utf8() -> None:
    assert decode("x = 'é'\n".encode(), "a.py") == "x = 'é'\n"


def test_empty_file() -> None:
    assert decode(b"", "a.py") == ""
    assert load_source(b"", "a.py") == Source("a.py", "", "utf-8")


def test_line_endings_are_kept() -> None:
    assert decode(b"a = 1\r\nb = 2\r", "a.py") == "a = 1\r\nb = 2\r"


def test_utf8_bom_is_stripped() -> None:
    src = load_source(codecs.BOM_UTF8 + b"x = 1\n", "a.py")
    assert src.text == "x = 1\n"
    assert src.encoding == "utf-8-sig"


def test_word_coding_without_cookie_is_utf8() -> None:
    data = "coding = 'x'\n# the coding style\ny = 'é'\n".encode()
    assert load_source(data, "a.py").encoding == "utf-8"


# --------------------------------------------------------------------------- coding cookies


@pytest.mark.parametrize(
    "first",
    [
        b"# -*- coding: latin-1 -*-\n",
        b"# vim: set fileencoding=latin-1 :\n",
        b"#coding=latin-1\n",
        b"  \t# coding: iso-8859-1\n",
        b"# coding: latin_1\n",
        b"# coding: ISO-8859-1-Windows-3.0-Latin-1\n",
    ],
)
def test_latin1_cookie_on_line_one(first: bytes) -> None:
    src = load_source(first + "s = 'é'\n".encode("latin-1"), "a.py")
    assert src.text.endswith("s = 'é'\n")
    assert src.encoding == "iso8859-1"


@pytest.mark.parametrize("first", [b"#!/usr/bin/env python\n", b"\n", b"   \n", b"# comment\n"])
def test_cookie_on_line_two_after_blank_or_comment(first: bytes) -> None:
    data = first + b"# -*- coding: cp1252 -*-\n" + "s = '€'\n".encode("cp1252")
    src = load_source(data, "a.py")
    assert src.text.endswith("s = '€'\n")
    assert src.encoding == "cp1252"


def test_cookie_on_line_two_ignored_after_code() -> None:
    data = b"import os\n# coding: latin-1\n" + "s = 'é'\n".encode("latin-1")
    e = err(data)
    assert e.message == "cannot decode as utf-8 at line 3"


def test_cookie_on_line_three_ignored() -> None:
    data = b"#!/usr/bin/env python\n# hello\n# coding: latin-1\n" + "'é'\n".encode("latin-1")
    assert err(data).line == 4


def test_cookie_without_hash_is_not_a_cookie() -> None:
    data = b"coding: latin-1\n"
    assert decode(data, "a.py") == "coding: latin-1\n"


def test_cookie_with_latin1_bytes_on_its_own_line() -> None:
    data = "# coding: latin-1 (café)\nx = 'é'\n".encode("latin-1")
    assert decode(data, "a.py") == "# coding: latin-1 (café)\nx = 'é'\n"


def test_utf8_cookie_spellings() -> None:
    for spelling in (b"utf-8", b"UTF_8", b"utf8", b"utf-8-unix"):
        data = b"# coding: " + spelling + b"\nx = '\xc3\xa9'\n"
        assert decode(data, "a.py").endswith("x = 'é'\n")


def test_unknown_encoding() -> None:
    e = err(b"# hello\n# coding: klingon\nx = 1\n")
    assert (e.message, e.line, e.column) == ("unknown encoding: klingon", 2, 1)


def test_codec_that_is_not_a_text_encoding() -> None:
    e = err(b"# coding: rot13\nx = 1\n")
    assert e.message == "unknown encoding: rot13 (not a text encoding)"


def test_cookie_naming_a_wide_encoding() -> None:
    e = err(b"# coding: utf-16\nx = 1\n")
    assert e.message == "encoding problem: utf-16 is not ASCII-compatible"
    assert e.line == 1


def test_bytes_invalid_in_the_declared_encoding() -> None:
    e = err(b"# coding: ascii\nx = 1\ny = '\xe9'\n")
    assert e.message == "cannot decode as ascii at line 3"
    assert (e.line, e.column) == (3, 6)


# --------------------------------------------------------------------------- byte order marks


def test_bom_with_utf8_cookie_is_fine() -> None:
    data = codecs.BOM_UTF8 + b"# coding: utf-8\nx = 1\n"
    assert load_source(data, "a.py").text == "# coding: utf-8\nx = 1\n"


def test_bom_with_other_cookie_is_refused_like_cpython() -> None:
    e = err(codecs.BOM_UTF8 + b"# coding: latin-1\nx = 1\n")
    assert e.message == "encoding problem: coding cookie 'latin-1' with a UTF-8 byte order mark"
    assert e.line == 1
    # CPython compares the normalised spelling, so even "utf8" is refused next to a BOM.
    with pytest.raises(SyntaxError):
        tokenize.detect_encoding(io.BytesIO(codecs.BOM_UTF8 + b"# coding: utf8\n").readline)
    assert "utf8" in err(codecs.BOM_UTF8 + b"# coding: utf8\nx = 1\n").message


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_wide_boms_are_refused(codec: str, name: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]
    e = err(bom + "x = 1\n".encode(codec))
    assert e.message == f"cannot decode: {name} source (byte order mark)"
    assert (e.line, e.column) == (1, 1)
    assert str(e) == e.message


# --------------------------------------------------------------------------- NUL and bad bytes


def test_nul_bytes_with_position() -> None:
    e = err(b"x = 1\ny = 'ab\x00'\n")
    assert (e.message, e.line, e.column) == ("source contains NUL bytes", 2, 8)


def test_utf16_without_bom_is_caught_by_the_nul_check() -> None:
    assert err("x = 1\n".encode("utf-16-le")).message == "source contains NUL bytes"


def test_invalid_utf8_reports_line_and_character_column() -> None:
    e = err(b"a = 1\nb = 2\nc = '" + "é".encode() + b"\xff'\n")
    assert e.message == "cannot decode as utf-8 at line 3"
    assert e.line == 3
    assert e.column == 7  # `c = 'é` is six characters


def test_line_numbers_count_crlf_and_cr() -> None:
    assert err(b"a\r\nb\r\nc\xff\n").line == 3
    assert err(b"a\rb\rc\xff\n").line == 3


def test_error_after_bom_counts_from_the_text() -> None:
    e = err(codecs.BOM_UTF8 + b"x\n\xff\n")
    assert (e.line, e.column) == (2, 1)


def test_error_carries_the_path() -> None:
    assert err(b"\xff").path == "pkg/mod.py"


# --------------------------------------------------------------------------- from disk


def test_read_source(tmp_path: Path) -> None:
    file = tmp_path / "m.py"
    file.write_bytes(b"# coding: latin-1\nx = '\xe9'\n")
    assert read_source(file, "m.py") == Source("m.py", "# coding: latin-1\nx = 'é'\n", "iso8859-1")


def test_read_source_missing(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_source(tmp_path / "nope.py", "nope.py")
    assert info.value.message == "cannot read: No such file or directory"
    assert info.value.path == "nope.py"


# --------------------------------------------------------------------------- agrees with CPython


SAMPLES = [
    b"x = 1\n",
    b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    b"#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
    b"\n# coding: koi8-r\nx = '\xc1'\n",
    codecs.BOM_UTF8 + b"x = '\xc3\xa9'\n",
    codecs.BOM_UTF8 + b"# coding: utf-8\nx = 1\n",
    b"import os\n# coding: latin-1\nx = 1\n",
    b"# coding: latin-1\r\nx = '\xe9'\r\n",
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_text_as_cpython(data: bytes) -> None:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    expected = data.decode(encoding)
    assert decode(data, "a.py") == expected
