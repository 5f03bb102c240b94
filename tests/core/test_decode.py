import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peelviewer.core.decode import DecodeError, decode_bytes

TEXT = "Hampshire PEEL 2016\n\nThe force’s values – “fairness” and respect.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM, as Notepad's "Unicode"
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM at all
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be-bom", "utf16le-nobom", "cp1252", "crlf", "cr"],
)
def test_every_encoding_seen_in_the_wild_gives_the_same_text(encoded):
    assert decode_bytes(encoded) == TEXT


def test_pdf_ligatures_and_non_breaking_spaces_become_plain_letters():
    assert decode_bytes("ﬁndings ﬂow\u00a0here".encode()) == "findings flow here"


def test_zero_width_characters_are_removed():
    assert decode_bytes("Hamp\u200bshire\ufeff".encode()) == "Hampshire"


def test_a_meta_charset_is_honoured_when_the_bytes_are_not_utf8():
    data = "caf\u00e9 \u0160".encode("iso-8859-2")
    assert decode_bytes(data, encoding="iso-8859-2") == "caf\u00e9 \u0160"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (bytes(range(256)) * 40, "binary file, not a report"),
        (b"\x00\x01\x02\x03" * 1000, "binary file, not a report"),
    ],
)
def test_refusals_say_why(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_files_over_the_size_cap_are_refused_with_their_size():
    with pytest.raises(DecodeError, match=r"file too large \(3 MB, limit 2 MB\)"):
        decode_bytes(b"a" * (3 * 1024 * 1024), limit=2 * 1024 * 1024)


@given(st.binary(max_size=4096))
def test_decode_never_raises_anything_but_its_own_error(data):
    try:
        text = decode_bytes(data)
    except DecodeError as error:
        assert str(error)
    else:
        assert "\r" not in text


REPORT_ALPHABET = st.sampled_from(
    [chr(c) for c in range(32, 127)] + ["\n", "’", "‘", "“", "”", "–", "—", "•", "é", "£"]
)


@given(st.text(alphabet=REPORT_ALPHABET, min_size=1, max_size=2000))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_report_text_survives_any_of_its_encodings_unchanged(encoding, text):
    assert decode_bytes(text.encode(encoding)) == text
