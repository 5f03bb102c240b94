import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peelviewer.core import extract as extract_module
from peelviewer.core.decode import DecodeError, decode_bytes
from peelviewer.core.extract import PDF, extract_text
from peelviewer.core.importer import import_paths, parse_file

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


# Invisible controls that a copy from a web page or an old file can carry: C1 controls (CSI
# would colour a terminal, NEL breaks a line for some programs) and the bidi marks,
# embeddings, overrides and isolates that reorder what a reader sees.
INVISIBLE_CONTROLS = ["\x80", "\x85", "\x9b", "\x9f", "\u200e", "\u200f", "\u202a", "\u202b",
                      "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("control", INVISIBLE_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_c1_and_bidi_controls_are_removed_from_report_text(control):
    assert decode_bytes(f"The force should{control} improve.\n".encode()) == (
        "The force should improve.\n")
    assert decode_bytes(f"{control}Kent\n".encode("utf-16")) == "Kent\n"


def test_a_report_with_an_override_in_a_finding_and_a_c1_control_in_its_narrative_imports_clean(
        store, hampshire, tmp_path):
    text = hampshire.read_text(encoding="utf-8")
    finding = "The force should improve how it seeks feedback"
    narrative = "This stems from the force’s commitment"
    assert finding in text
    assert narrative in text
    tampered = tmp_path / "hampshire.txt"
    tampered.write_text(text.replace(finding, "The force should \u202eimprove how it seeks "
                                              "feedback")
                        .replace(narrative, "This stems\x85 from the force’s\x9b commitment"),
                        encoding="utf-8")
    assert import_paths(store, [tampered]).line() == "1 added, 0 updated, 0 unchanged, 0 failed"
    stored = store.report("hampshire", "2016", "legitimacy")
    assert stored == parse_file(hampshire)  # every finding and narrative as the clean copy
    assert stored.questions[0].findings[0].text.startswith(finding)


def test_character_references_in_a_saved_page_are_cleaned_like_text(kent_html):
    page = kent_html.read_bytes()
    clean = extract_text(page).text
    finding = b"The force should make the results"
    assert finding in page
    tampered = page.replace(finding, b"The force &#x202E;should make&#8207; the&#x2066; results")
    assert extract_text(tampered).text == clean


def test_text_from_a_pdf_is_cleaned_like_text(monkeypatch):
    monkeypatch.setattr(extract_module, "pdf_to_text",
                        lambda data, reader=None, roles=None: "The force\u202e should\x85 improve.")
    extracted = extract_text(b"%PDF-1.7\n" + b"x" * 100)
    assert (extracted.kind, extracted.text) == (PDF, "The force should improve.")
