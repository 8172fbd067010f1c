"""The fast front of the pipeline equals its reference implementations exactly.

Segmentation, normalisation, per-document and repeated furniture, ``pipeline.prepare`` and the
metadata recovered on load each have a step-by-step ``*_reference`` beside them; here they are
compared on random texts (hypothesis), on the seeds and, when ``../shared/eval`` is present, on
a few thousand real articles.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import metadata as md
from provenance.engines.local import LocalEngine
from provenance.furniture import (
    FurnitureConfig,
    mark_document,
    mark_document_reference,
    mark_repeated,
    mark_repeated_reference,
)
from provenance.load import load, to_document
from provenance.model import Document
from provenance.pipeline import TraceConfig, prepare
from provenance.segment import (
    _WORD_BEFORE,
    SegmentConfig,
    _word_before,
    cut_at,
    glue_cuts_reference,
    normalise,
    normalise_reference,
    segment,
    segment_reference,
    split_sentences,
    split_sentences_reference,
)

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
needs_eval = pytest.mark.skipif(not EVAL.exists(), reason=f"{EVAL} not found (evaluation corpora)")

# Pieces news text is made of, and the ones that trip splitters and normalisers up.
_PIECES = st.sampled_from(
    list("abcdefghij ABCDEFG éÉçàœßÆ . . . ! ? … , ; : « » “ ” \" ' ’ ` ´ ( ) [ ] ¿ ¡ 0123456789 _ - – <")
    + ["\n", "\n\n", "\r\n", "\t", "\x0c", "\x00", "\x1c", "\u00a0", "\u2028", "\u3000"]
    + ["M. ", "MM. ", "Dr. ", "J. ", "U.S. ", "e.g. ", "z.b. ", "etc. ", "  ", "Le ", "Il ", "la ", "de "]
    + ["e\u0301", "\u0327", "\u05b8\u05b4", "\u0345", "ﬁ", "½", "²", "㎏", "Ⅻ", "ǅ", "İ", "ΑΣ", "ᾳ", "\ud800"]
    + ["Partager", "Lire aussi", "Par Jean Dupont", "16:54 01/03/00: ", "Read more", "the and of "]
)
_TEXTS = st.lists(_PIECES, max_size=150).map("".join) | st.text(max_size=250)
_CONFIGS = st.builds(SegmentConfig, join_wrapped=st.booleans(), wrap_min_chars=st.integers(1, 80),
                     max_sentence_chars=st.integers(5, 400))
_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ normalise


def test_normalise_acts_one_character_at_a_time() -> None:
    """Why a per-character definition loses nothing: case folding acts on one character at a
    time, and ``\\s`` (how the reference collapses blanks) is ``isspace`` (how the fast path
    splits)."""
    space = re.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert c.isspace() == bool(space.match(c)), hex(cp)
        assert c.casefold() == "".join(map(str.casefold, c))


def test_normalise_keeps_the_letters_of_every_script() -> None:
    # Vowel signs and viramas are part of Hindi, Bengali and Thai words; optional marks
    # (accents, Arabic vowel signs and hamza, Hebrew points) go.
    assert normalise("भारत सरकार ने घोषणा की।") == "भारत सरकार ने घोषणा की"
    assert normalise("ที่กรุงเทพมหานคร วันนี้") == "ที่กรุงเทพมหานคร วันนี้"
    assert normalise("মুখ্যমন্ত্রী বলেছেন") == "মুখ্যমন্ত্রী বলেছেন"
    assert normalise("مُحَمَّد ذهب إلى المدرسة") == normalise("محمد ذهب الى المدرسة") == "محمد ذهب الى المدرسة"
    assert normalise("שָׁלוֹם") == normalise("שלום")
    assert normalise("Ça s’est passé à Zürich") == "ca s est passe a zurich"
    for text in ("नमस्ते", "กรุงเทพ", "ニュースが伝えた"):
        assert normalise(text) == normalise_reference(text)
        assert " " not in normalise(text)


@_SETTINGS
@given(_TEXTS)
def test_normalise_equals_reference(text: str) -> None:
    assert normalise(text) == normalise_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x300, max_codepoint=0x36F) | st.sampled_from("aéΣσς ß."),
               max_size=40))
def test_normalise_with_runs_of_combining_marks(text: str) -> None:
    assert normalise(text) == normalise_reference(text)


def test_normalise_of_every_latin1_character_equals_reference() -> None:
    # The Latin-1 byte table and its fallback, character by character and in context.
    for cp in range(256):
        for text in (chr(cp), f"Ab{chr(cp)}cD", f"{chr(cp)} é’x{chr(cp)}"):
            assert normalise(text) == normalise_reference(text), hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFF) | st.sampled_from("’œ€—…"), max_size=60))
def test_normalise_of_latin1_text_equals_reference(text: str) -> None:
    assert normalise(text) == normalise_reference(text)


# ------------------------------------------------------------------ sentences


@_SETTINGS
@given(_TEXTS, st.integers(0, 300), st.integers(0, 300))
def test_word_before_equals_the_regex(text: str, lo: int, hi: int) -> None:
    lo, hi = min(lo, hi, len(text)), min(max(lo, hi), len(text))
    m = _WORD_BEFORE.search(text[lo:hi])
    assert _word_before(text, lo, hi) == (m.group(1) if m else None)


@_SETTINGS
@given(_TEXTS)
def test_split_sentences_equals_reference(text: str) -> None:
    _splits_agree(text)


def _splits_agree(text: str) -> None:
    assert split_sentences(text) == split_sentences_reference(text)
    if len(text) > 4:
        assert split_sentences(text, 2, len(text) - 2) == split_sentences_reference(text, 2, len(text) - 2)


@_SETTINGS
@given(_TEXTS, _CONFIGS)
def test_segment_equals_reference(text: str, config: SegmentConfig) -> None:
    doc = Document(id="x", text=text)
    assert segment(3, doc, config) == segment_reference(3, doc, config)


# Stops of other scripts, and the signs that end a sentence in one script only (";" in Greek,
# ":" for "։" in Armenian), beside the words and capitals that decide whether they do.
_SCRIPT_PIECES = st.sampled_from(
    list("։።፧။។៕｡;:\u037e‽‼.?!  »«\"'()") + ["\n", "\n\n", "\u00a0"]
    + ["Η ", "Ο ", "Ἀ", "ἡ ", "συντάξεις", "ακόμη", "«Πότε", "Ա", "Մասնակիցները ", "հանրահավաք", "abc ", "Le ",
       "ፓርላማው ", "ተሰብስቧል", "မိုးများ ", "ក្រសួង", "ល", "12 ", "M. "]
)
_SCRIPT_TEXTS = st.lists(_SCRIPT_PIECES, max_size=80).map("".join)


@_SETTINGS
@given(_SCRIPT_TEXTS)
def test_split_sentences_in_other_scripts_equals_reference(text: str) -> None:
    _splits_agree(text)
    doc = Document(id="x", text=text)
    assert segment(0, doc) == segment_reference(0, doc)


# ------------------------------------------------------------------ furniture and prepare

_LANGS = st.sampled_from([None, "fr", "en", "de", "xx"])


@st.composite
def _corpora(draw: st.DrawFn) -> list[Document]:
    """A few documents sharing some lines (headers, footers, copied paragraphs)."""
    pool = draw(st.lists(_TEXTS.filter(lambda t: t.strip() != ""), min_size=1, max_size=6))
    docs = []
    for i in range(draw(st.integers(1, 7))):
        parts = draw(st.lists(st.sampled_from(pool) | _TEXTS, min_size=1, max_size=8))
        text = "\n\n".join(parts)
        # Lines a web page's markup would place in menus or footers, as webpage.page_record marks them.
        spans, pos = [], 0
        for line in text.split("\n"):
            if line.strip() and draw(st.integers(0, 3)) == 0:
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        docs.append(Document(
            id=str(i), text=text, lang=draw(_LANGS), source=draw(st.sampled_from([None, "a.fr", "b.com"])),
            machine_translated=draw(st.booleans()), wire_header=draw(st.booleans()), markup_furniture=tuple(spans),
        ))
    return docs


_FURNITURE = st.builds(FurnitureConfig, edge_lines=st.integers(0, 4), repeated_min_docs=st.integers(1, 4),
                       min_lines=st.integers(0, 5), same_outlet_min_docs=st.integers(1, 3),
                       split_by_carriers=st.booleans(),
                       detect_language=st.booleans(), language_min_words=st.integers(1, 8))


def _reference_prepare(docs: list[Document], config: TraceConfig) -> list:
    # Flattened texts cut where a line was glued into a sentence, then segmented as any text.
    cuts = glue_cuts_reference([d.text for d in docs], [d.flattened for d in docs], config.segment)
    cut = [replace(d, text=cut_at(d.text, cuts[i])) if i in cuts else d for i, d in enumerate(docs)]
    segs = [mark_document_reference(d, segment_reference(i, d, config.segment), config.furniture)
            for i, d in enumerate(cut)]
    return mark_repeated_reference(docs, segs, config.furniture)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpora(), _FURNITURE)
def test_furniture_equals_reference(docs: list[Document], config: FurnitureConfig) -> None:
    segs = [segment(i, d) for i, d in enumerate(docs)]
    marked = [mark_document(d, s, config) for d, s in zip(docs, segs, strict=True)]
    assert marked == [mark_document_reference(d, s, config) for d, s in zip(docs, segs, strict=True)]
    assert mark_repeated(docs, marked, config) == mark_repeated_reference(docs, marked, config)
    # Sentences already marked keep their reason.
    assert mark_repeated(docs, segs, config) == mark_repeated_reference(docs, segs, config)


# Words of many kinds, so that different stories read as different stories (``one_story``).
_WORDS = st.lists(st.sampled_from("le la de un".split()) | st.text("bcdfglmnoprstu", min_size=3, max_size=8),
                  min_size=1, max_size=25).map(" ".join)


@st.composite
def _site_corpora(draw: st.DrawFn) -> list[Document]:
    """Pages of a few sites, each page a story between its site's header and footer lines, each
    story put on a few sites whole, cut short, with a paragraph dropped or two merged: who
    carries each shared line changes within runs of shared lines (``continued``)."""
    sentence = _WORDS.map(lambda t: t.capitalize() + ".")
    paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
    sites = draw(st.lists(st.tuples(st.lists(sentence, max_size=2), st.lists(paragraph, min_size=1, max_size=2),
                                    st.sampled_from([None, None, "a.fr", "b.com"])), min_size=1, max_size=3))
    docs: list[Document] = []
    for _ in range(draw(st.integers(1, 5))):
        story = draw(st.lists(paragraph, min_size=1, max_size=7))
        for site in draw(st.lists(st.integers(0, len(sites) - 1), min_size=1, max_size=4)):
            head, foot, source = sites[site]
            told = list(story)
            cut = draw(st.integers(0, 4))
            if cut == 1:
                told = told[: draw(st.integers(1, len(told)))]
            elif cut == 2 and len(told) > 2:
                del told[draw(st.integers(1, len(told) - 2))]
            elif cut == 3 and len(told) > 1:
                k = draw(st.integers(0, len(told) - 2))
                told[k:k + 2] = [told[k] + " " + told[k + 1]]
            docs.append(Document(id=str(len(docs)), text="\n\n".join([*head, *told, *foot]), lang="fr", source=source))
    return docs


_SITE_FURNITURE = st.builds(FurnitureConfig, edge_lines=st.integers(1, 4), repeated_min_docs=st.integers(2, 3),
                            min_lines=st.integers(0, 4), same_outlet_min_docs=st.integers(2, 3),
                            repeated_max_words=st.sampled_from([10, 30]), scattered=st.booleans())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_site_corpora(), _SITE_FURNITURE)
def test_furniture_of_sites_and_copied_stories_equals_reference(docs: list[Document], config: FurnitureConfig) -> None:
    segs = [mark_document(d, segment(i, d), config) for i, d in enumerate(docs)]
    assert mark_repeated(docs, segs, config) == mark_repeated_reference(docs, segs, config)
    off = replace(config, split_by_carriers=False)
    assert mark_repeated(docs, segs, off) == mark_repeated_reference(docs, segs, off)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpora(), _FURNITURE, _CONFIGS)
def test_prepare_equals_reference(docs: list[Document], fur: FurnitureConfig, seg: SegmentConfig) -> None:
    config = TraceConfig(segment=seg, furniture=fur)
    assert prepare(docs, config, LocalEngine(workers=1)) == _reference_prepare(docs, config)


def test_prepare_same_for_any_worker_count(seeds: Path) -> None:
    docs = load(seeds).documents * 90  # enough documents for the engine to fork
    one = prepare(docs, TraceConfig(), LocalEngine(workers=1))
    assert prepare(docs, TraceConfig(), LocalEngine(workers=2, min_parallel=1, chunk=7)) == one
    assert prepare(docs, TraceConfig(), LocalEngine(workers=3, min_parallel=1, chunk=64)) == one


def test_seeds_equal_reference(seeds: Path) -> None:
    docs = load(seeds).documents
    assert prepare(docs, TraceConfig(), LocalEngine(workers=1)) == _reference_prepare(docs, TraceConfig())


# ------------------------------------------------------------------ real articles


def _records(name: str, n: int, drop: tuple[str, ...] = ()) -> list[dict]:
    with gzip.open(EVAL / name, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in itertools.islice(fh, n)]
    for i, r in enumerate(recs):
        for k in drop:
            r.pop(k, None)
        r["__origin"] = f"{name}:{i + 1}"
    return recs


@needs_eval
@pytest.mark.eval
@pytest.mark.parametrize(("name", "n", "drop"), [
    ("orangesum_fr.jsonl.gz", 1500, ()),
    ("bbc_news.jsonl.gz", 600, ()),
    ("meter.jsonl.gz", 600, ("date",)),
    ("wmt22_frde_mt.jsonl.gz", 500, ("lang",)),
])
def test_real_articles_equal_reference(name: str, n: int, drop: tuple[str, ...]) -> None:
    docs = [to_document(r) for r in _records(name, n, drop)]
    assert prepare(docs, TraceConfig(), LocalEngine(workers=2)) == _reference_prepare(docs, TraceConfig())


# ------------------------------------------------------------------ metadata on load


@_SETTINGS
@given(_TEXTS, st.integers(1, 40))
def test_detect_language_equals_reference(text: str, min_chars: int) -> None:
    assert md.detect_language(text, min_chars=min_chars) == md.detect_language_reference(text, min_chars=min_chars)


@_SETTINGS
@given(st.lists(st.sampled_from(["le", "la", "de", "the", "and", "der", "yang", "x", "", "de"]) | st.text(max_size=5)))
def test_stopword_hits_equals_reference(tokens: list[str]) -> None:
    assert md.stopword_hits(tokens) == md.stopword_hits_reference(tokens)


@settings(max_examples=200, deadline=None)
@given(_TEXTS | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_compiled_language_walk_equals_py3langid(text: str) -> None:
    assert md._identifier().classify(text) == md._stock_identifier().classify(text)


@needs_eval
@pytest.mark.eval
def test_compiled_language_walk_on_real_articles() -> None:
    texts = [r["text"] for name in ("wmt22_frde_mt.jsonl.gz", "bbc_news.jsonl.gz", "orangesum_fr.jsonl.gz")
             for r in _records(name, 150)]
    fast, stock = md._identifier(), md._stock_identifier()
    assert type(fast) is not type(stock)  # the compiled walk is in use
    for t in texts:
        for sample in (t[:800], t[:60]):
            assert fast.classify(sample) == stock.classify(sample)


def _date_from_text_reference(text: str) -> str | None:
    """``metadata.date_from_text`` without its year pre-check."""
    for line in md.header_lines(text):
        m = md._HEADER_DATE.search(line)
        if m:
            return md._with_time(m.group(1), line, m.end(1))
    for full in md.header_lines(text, 2):
        line = full[: md.DATELINE_CHARS]
        m = md._DMY.search(line)
        if m:
            day, start, end = md._iso(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end()
        elif m := md._ISO_DAY.search(line):
            day, start, end = md._iso(*(int(x) for x in m.groups())), m.start(), m.end()
        elif found := md._written_date_span(line):
            day, start, end = found
        else:
            continue
        if md._dated_line(full, start, end):
            return md._with_time(day, line, end)
    return None


def _find_url_reference(text: str) -> str | None:
    lines = md.header_lines(text)
    for k, line in enumerate(lines):
        m = md._URL.search(line)
        if m and len(line.replace(m.group(0), " ", 1).split()) <= md._HEADER_URL_WORDS:
            before = line[:m.start()]
            if not (md.names_elsewhere(before) if before.strip() else k and md.names_elsewhere(lines[k - 1], closing=True)):
                return m.group(0).rstrip(".,;")
    return None


_DATE_PIECES = st.sampled_from(
    ["date", "DATE", "Dated", "publié le", "PubliſHed", "datum", "Fecha", "tanggal", ":", "=", " ", "  ", "\n", "\n\n",
     "2022", "1999", "2022-01", "2022-01-02", "19", "20", "0", "1", "12", "31", ".", "/", "-", "3 janvier ", "1er mars ",
     "2nd March ", "Mai ", "Nov. 3, ", " 09:14", " 9h05", " GMT", " ET", "+01:00", " pm", "ноября ", "年", "月", "日", "https://x.fr/2022/01/02/a.html", "HTTP://EXAMPLE.COM", "://", "ftp://y", "Source: ", "Via ", "Lire la suite sur ",
     "read more", "sources", "x" * 50, "é", "İ"]
)
_DATE_TEXTS = st.lists(_DATE_PIECES, max_size=40).map("".join) | _TEXTS


@_SETTINGS
@given(_DATE_TEXTS)
def test_dates_and_urls_equal_reference(text: str) -> None:
    assert md.date_from_text(text) == _date_from_text_reference(text)
    assert md.find_url(text) == _find_url_reference(text)


_NOTICE_PIECES = st.sampled_from(
    ["This article was ", "automatically ", "machine ", "AI ", "translated", "Translated", "generated", " from ",
     "Indonesian", "English", " into ", "French", ".", ", ", "\n", "\n\n", " ", "traduit automatiquement",
     "traduction automatique", "Traduit par l'IA", "maschinell übersetzt", "ÜBERSETZT", "mit KI ", "diterjemahkan otomatis",
     "by machine", "using AI", "x" * 90, "İ", "é", "versions", "language"]
)


@_SETTINGS
@given(st.lists(_NOTICE_PIECES, max_size=30).map("".join) | _TEXTS)
def test_notice_cues_line_by_line_equal_the_whole_text_search(text: str) -> None:
    whole = [(m.start(), m.end(), m.group(0)) for m in md._MT_CUES.finditer(text)]
    lines = [(start + m.start(), start + m.end(), m.group(0)) for start, _, m in md._cue_matches(text)]
    # Line by line finds the matches a stem-holding line has; every match holds a stem.
    assert lines == whole


_FUNCTION_WORDS = sorted(md._STOP_LANGS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FUNCTION_WORDS), st.sampled_from(["maison", "haus", "casa", "x"])),
                max_size=30),
       st.sampled_from(["", "fr", "en", "de", "es", "it", "nl", "pt", "id", "zz"]))
def test_foreign_line_counts_settle_what_the_vote_would(words: list[str], lang: str) -> None:
    """``_looks_foreign`` returns early on two counts (foreign and own function words); the vote
    it then skips would have given the same answer."""
    from provenance.furniture import _looks_foreign

    found = [w for w in words if w in md._STOP_LANGS]
    own = sum(1 for w in found if lang in md._STOP_LANGS[w])
    other: dict[str, int] = {}
    for w in found:
        if lang not in md._STOP_LANGS[w]:
            for x in md._STOP_LANGS[w]:
                other[x] = other.get(x, 0) + 1
    vote = len(found) >= 2 and max(other.values(), default=0) >= 2 and max(other.values(), default=0) > own
    assert _looks_foreign(words, lang) == vote
