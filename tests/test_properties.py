"""Properties that hold for any text (hypothesis): never raises, deterministic, idempotent, verifiable."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from pipeline.io import encode
from pipeline.verify import rebuild, restore_spans

# OCR-ish text: letters, the scan's punctuation faults, digits, line and page breaks, some unicode.
ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ  .,;:*#»'\"-()0123456789\n\n\t\u00e9\u2019\u201c\u00a0\u0302\x00"))
OCR_TEXT = st.text(ALPHABET, max_size=400)
ANY_TEXT = st.text(max_size=200)
BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def clean(cleaner):
    return lambda text: cleaner.clean(text, "prop")


@BOUNDED
@given(st.one_of(OCR_TEXT, ANY_TEXT))
def test_never_raises_and_is_deterministic(cleaner, text):
    first = cleaner.clean(text, "prop")
    assert cleaner.clean(text, "prop").text == first.text
    assert first.text == "" or first.text.endswith("\n")


@BOUNDED
@given(OCR_TEXT)
@example("A\nA").via("found by hypothesis: lone letters joined into 'A A' turned to dust on a second run")
@example(":\n:").via("found by hypothesis: stops alone on a line, however spaced")
@example("\u00d3\u00df").via("found by hypothesis: a garble read as a lone letter, which a second run drops")
@example("A\u00e9\nxA").via("found by hypothesis: a paragraph of one-word lines, judged apart, then joined")
@example("\u00cc\x8000").via("found by hypothesis: mojibake that ftfy repairs into a stray combining mark")
@example(".\n0").via("found by hypothesis: a page holding only a bare number")
def test_idempotent_on_its_own_output(cleaner, text):
    once = cleaner.clean(text, "prop").text
    twice = cleaner.clean(once, "prop").text
    assert twice == once


@BOUNDED
@given(st.one_of(OCR_TEXT, ANY_TEXT), st.sampled_from(["\n", "\r\n", "\r"]))
def test_restore_log_rebuilds_the_input(cleaner, text, newline):
    raw = text.replace("\n", newline)
    clean = cleaner.clean(raw.replace("\r\n", "\n").replace("\r", "\n"), "prop").text
    assert rebuild(clean, restore_spans(raw, clean)) == raw


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_restore_spans_rebuild_any_pair(raw, clean):
    assert rebuild(clean, restore_spans(raw, clean)) == raw


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=100).filter(lambda t: "\ufeff" not in t[:1]), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]), st.booleans())
def test_decoding_round_trips(tmp_path_factory, text, encoding, bom):
    from pipeline.errors import InputError
    from pipeline.io import read_source

    data = encode(text, encoding, bom or encoding != "utf-8")
    path = tmp_path_factory.mktemp("dec") / "f.txt"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except InputError:
        return  # refused with a one-line reason (empty, binary-looking): fine
    assert encode(source.text, source.encoding, source.bom) == data


@given(st.text("aceimnorstuvwlhIB13*#", max_size=12), st.text("aceimnorstuvwlh", max_size=12))
def test_an_alignment_is_both_words_cut_into_pieces(typed, scanned):
    """Kept letters and differing blocks put together give back the typed word and the scanned one,
    and a word's likelihood under the scan profile is a probability."""
    from pipeline.correction.profile import ScanProfile, blocks

    cut = blocks(typed, scanned)
    assert "".join(t for t, _ in cut) == typed and "".join(s for _, s in cut) == scanned
    if typed and scanned:
        assert ScanProfile.prior().log_likelihood(scanned.lower(), typed.lower()) <= 0.0
