"""A large JSONL dump built from real articles, with planted derivations and their true parents.

The dump is the input of ``benchmarks/dump_trace.py`` (issue 4: 1M articles traced in 20 minutes).
It holds two kinds of article:

- **background**: distinct articles. Each takes the paragraph layout of a random real article
  (OrangeSum in French, BBC News in English; ``families._base_pool``) and fills it with
  sentences drawn at random from the whole pool of real sentences of its language, then passes
  every word through a per-article random *relexicalisation*: function words (the language's
  stop words and elided articles) are permuted among function words, other words
  among the rest of the vocabulary, by two affine permutations modulo primes whose parameters
  are drawn for that article alone. Punctuation, capitalisation, sentence and paragraph breaks
  are kept, so segmentation, language detection and furniture detection see news-shaped text.
- **planted families**: a root made the same way, then copies grown as
  ``benchmarks/families.py`` grows them (its ``_make_copy`` for ``republish``, ``excerpt``,
  ``trim`` and ``reword``, its site furniture and ``_assemble``; machine-translation notices;
  inherited "read also" lines; copies of copies over up to three generations). A family keeps
  one relexicalisation, applied to the copy's real text, so a copy shares its parent's text
  verbatim and a ``reword`` copy's synonym swaps become real word changes.

Why the background has few true copies: the pool holds about 150,000 real sentences, so at a
million articles each real sentence is used about a hundred times, but never twice with the same
words. Two articles share a word 3-gram (what the sentence MinHash indexes) only when both
permutations send three consecutive tokens to the same three words, about one chance in the
product of the class sizes, so the chance overlap of two background articles is a scattering of
single 3-grams, below the 0.2 Jaccard at which the trace even verifies a sentence pair, let
alone the long aligned runs a copy relation needs. Sentences are drawn independently, so no two
articles share a run of sentences either (two slots pick the same source sentence with chance
1/150,000, two consecutive slots with that squared). The site furniture of the five sites per
language (share lines and author blurbs on background articles, also "Lire aussi" titles and
translation notices in families) does recur verbatim, as on real sites: it is what the
furniture stage must find, and it is not text reuse.

Records are written as they are made, in windows of ``--window`` articles shuffled inside the
window (a family lives inside one window, as copies of a story appear within days in a dump
sorted by crawl time); ids are ``n`` + position. The same options give byte-identical files.

Output in ``--out``: ``corpus.jsonl`` (or ``corpus.jsonl.gz`` with ``--gzip``; ``id``, ``text``,
``source``, optional ``date`` and ``title``) and ``truth.jsonl``: one line per planted article,
``{"id", "parents", "op", "family"}`` (roots have no parents; background articles are absent).

    .venv/bin/python benchmarks/make_dump.py --docs 100000 --out benchmarks/out/dump-100k
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import sys
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import evaldata, families  # noqa: E402
from provenance import metadata as md  # noqa: E402

_WORD = re.compile(r"\w+")
# Function words beyond the language-detection lists: they keep a relexicalised text reading as
# its language (they are permuted among themselves, never with content words).
_EXTRA_STOP = {
    "fr": "il elle ils elles on nous vous je ne pas plus se sa son ses leur leurs cette mais ou donc "
          "car ni comme si tout tous toute toutes aussi avait avoir été être fait était selon "
          "l d qu n s c j m t y à a en",
    "en": "a an he she they we you i not but or his her its their will would had been which who "
          "there when after more also than into over about said one two s t",
}


def _next_prime(n: int) -> int:
    n = max(n, 3)
    while any(n % k == 0 for k in range(2, int(n**0.5) + 1)):
        n += 1
    return n


def _caps(word: str) -> int:
    if not word[:1].isupper():
        return 0
    return 2 if len(word) > 1 and word.isupper() else 1


@dataclass(frozen=True)
class Key:
    """One relexicalisation: ``index -> (index * a + b) mod p`` in each word class."""

    a0: int
    b0: int
    a1: int
    b1: int


class Lexicon:
    """The real sentences of one language, encoded for fast relexicalisation.

    >>> lex = Lexicon(["Le chat dort ici.", "Un chien court vite."], "fr")
    >>> k = lex.key(random.Random(1))
    >>> lex.render([0], k)[0] == lex.map_text("Le chat dort ici.", k)
    True
    """

    def __init__(self, sentences: list[str], lang: str) -> None:
        stop = set(md._STOPWORDS[lang].split()) | set(_EXTRA_STOP[lang].split())
        self.sentences = sentences
        vocab: dict[str, int] = {}
        classes: list[list[str]] = [[], []]
        fmts, codes, caps, offsets = [], [], [], [0]
        for s in sentences:
            parts = _WORD.split(s)  # the separators around the words
            words = _WORD.findall(s)
            for w in words:
                low = w.lower()
                if low not in vocab:
                    cls = 0 if low in stop else 1
                    vocab[low] = len(vocab)
                    classes[cls].append(low)
            fmts.append("{}".join(p.replace("{", "{{").replace("}", "}}") for p in parts))
            codes.extend(vocab[w.lower()] for w in words)
            caps.extend(_caps(w) for w in words)
            offsets.append(len(codes))
        self.vocab = vocab
        self.fmts = fmts
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self.codes = np.asarray(codes, dtype=np.int64)
        self.caps = np.asarray(caps, dtype=np.int64)
        self.p = [_next_prime(len(c)) for c in classes]
        cls_of = np.zeros(len(vocab), dtype=np.int64)
        idx_of = np.zeros(len(vocab), dtype=np.int64)
        for cls, words in enumerate(classes):
            for i, w in enumerate(words):
                cls_of[vocab[w]], idx_of[vocab[w]] = cls, i
        self.cls_of, self.idx_of = cls_of, idx_of
        # Forms laid out [class 0 padded to p0 | class 1 padded to p1] x (lower, Capital, UPPER);
        # padding repeats words so every residue mod p names a word.
        lower = [classes[c][i % len(classes[c])] for c in (0, 1) for i in range(self.p[c])]
        self.width = len(lower)
        forms = lower + [w[:1].upper() + w[1:] for w in lower] + [w.upper() for w in lower]
        self.forms = np.asarray(forms, dtype=object)
        self.n_class = [len(c) for c in classes]

    def key(self, rng: random.Random) -> Key:
        return Key(rng.randrange(1, self.p[0]), rng.randrange(self.p[0]), rng.randrange(1, self.p[1]), rng.randrange(self.p[1]))

    def _map(self, cls: np.ndarray, idx: np.ndarray, caps: np.ndarray, k: Key) -> list[str]:
        new = np.where(cls == 0, (idx * k.a0 + k.b0) % self.p[0], self.p[0] + (idx * k.a1 + k.b1) % self.p[1])
        return self.forms[caps * self.width + new].tolist()

    def render(self, sent_ids: list[int], k: Key) -> list[str]:
        """Relexicalised text of pool sentences ``sent_ids`` (vectorised: the fast path)."""
        spans = [(self.offsets[i], self.offsets[i + 1]) for i in sent_ids]
        sel = np.concatenate([np.arange(a, b) for a, b in spans]) if spans else np.zeros(0, dtype=np.int64)
        toks = self.codes[sel]
        words = self._map(self.cls_of[toks], self.idx_of[toks], self.caps[sel], k)
        out, pos = [], 0
        for i, (a, b) in zip(sent_ids, spans, strict=True):
            n = int(b - a)
            out.append(self.fmts[i].format(*words[pos : pos + n]))
            pos += n
        return out

    def map_text(self, text: str, k: Key) -> str:
        """Relexicalise any text as :meth:`render` does pool sentences (words the pool lacks,
        from a synonym swap, are placed in the content class by a hash)."""
        words = _WORD.findall(text)
        if not words:
            return text
        cls, idx = [], []
        for w in words:
            low = w.lower()
            t = self.vocab.get(low)
            if t is None:
                cls.append(1)
                idx.append(zlib.crc32(low.encode()) % self.n_class[1])
            else:
                cls.append(int(self.cls_of[t]))
                idx.append(int(self.idx_of[t]))
        mapped = iter(self._map(np.asarray(cls), np.asarray(idx), np.asarray([_caps(w) for w in words]), k))
        return _WORD.sub(lambda _m: next(mapped), text)


@dataclass(frozen=True)
class Params:
    docs: int = 1_000_000
    seed: int = 7
    planted_share: float = 0.12
    """Share of articles that belong to a planted family (roots and copies)."""
    en_share: float = 0.15
    """Share of articles in English (the rest French)."""
    site_share: float = 0.3
    """Share of background articles published on the furnished sites (the rest on 1,000 bare outlets)."""
    window: int = 10_000
    date_rate: float = 0.5
    translated_root_rate: float = 0.1
    inherit_rate: float = 0.3
    notice_keep_rate: float = 0.5


@dataclass
class LangData:
    lex: Lexicon
    layouts: list[list[int]]
    """Sentences per paragraph of each real article."""
    titles: list[str]
    sites: list[families.Site]


def load_languages(data_dir: Path, seed: int) -> dict[str, LangData]:
    rng = random.Random(f"{seed}:sites")
    out = {}
    for lang in ("fr", "en"):
        pool = families._base_pool(data_dir.resolve(), lang)
        sents, layouts = [], []
        for r in pool:
            layout = []
            for p in r["paras"]:
                ss = families.sentences(p)
                sents.extend(ss)
                layout.append(len(ss))
            layouts.append(layout)
        titles = [r["title"] for r in pool if r.get("title")]
        sites = families._sites(lang, rng.sample(titles, 15), rng)
        out[lang] = LangData(Lexicon(sents, lang), layouts, titles, sites)
    return out


_EPOCH = dt.date(2011, 1, 1)


def _background(ld: LangData, rng: random.Random, params: Params) -> dict:
    layout = rng.choice(ld.layouts)
    n = len(ld.lex.sentences)
    ids = [rng.randrange(n) for _ in range(sum(layout))]
    sents = ld.lex.render(ids, ld.lex.key(rng))
    paras, pos = [], 0
    for k in layout:
        paras.append(" ".join(sents[pos : pos + k]))
        pos += k
    rec: dict = {}
    if rng.random() < params.site_share:
        # Share line and author blurb only: "read also" lines name one of a site's three recent
        # titles, and on every background article they would pair thousands of documents.
        site = replace(rng.choice(ld.sites), recent_titles=())
        text, _ = families._assemble(paras, site, rng)
        rec["source"] = site.name
    else:
        text = "\n\n".join(paras) + "\n"
        rec["source"] = f"outlet{rng.randrange(1000):03d}.example"
    rec["text"] = text
    if rng.random() < params.date_rate:
        rec["date"] = (_EPOCH + dt.timedelta(days=rng.randrange(3650))).isoformat()
    return rec


def _family(ld: LangData, lang: str, rng: random.Random, params: Params, fam: int, room: int) -> list[tuple[families.Node, dict]]:
    """A root and its copies (at most ``room`` articles), as families.py grows them."""
    key = ld.lex.key(rng)
    cache: dict[str, str] = {}

    def relex(paras: list[str]) -> list[str]:
        # Copies reuse most of their parent's paragraphs: map each distinct one once.
        out = []
        for p in paras:
            if p not in cache:
                cache[p] = ld.lex.map_text(p, key)
            out.append(cache[p])
        return out

    layout = rng.choice(ld.layouts)
    n = len(ld.lex.sentences)
    real = [" ".join(ld.lex.sentences[rng.randrange(n)] for _ in range(k)) for k in layout]
    site = rng.choice(ld.sites)
    notice = site.notice.format(l=rng.choice(families.NOTICE_LANGUAGES[lang])) if rng.random() < params.translated_root_rate else None
    root_date = _EPOCH + dt.timedelta(days=rng.randrange(3650))
    title = ld.lex.map_text(rng.choice(ld.titles), key)
    text, inline = families._assemble(relex(real), site, rng, notice=notice)
    nodes: list[families.Node] = []

    def add(**kw) -> families.Node:  # type: ignore[no-untyped-def]
        node = families.Node(key=len(nodes), family=fam, lang=lang, **kw)
        nodes.append(node)
        return node

    def maybe_date(d: dt.date) -> str | None:
        return d.isoformat() if rng.random() < params.date_rate else None

    root = add(paras=real, text=text, site=site.name, inline=inline, notice=notice, title=title, true_date=root_date,
               date=maybe_date(root_date), op="root_translated" if notice else "root")
    frontier = [root]
    for generation in (1, 2, 3):
        nxt = []
        for parent in frontier:
            for _ in range(rng.randint(1, 3) if generation == 1 else rng.choice([0, 1, 1, 2])):
                if len(nodes) >= room:
                    break
                op = rng.choices(families.OPS, weights=families.OP_WEIGHTS)[0]
                child_site = rng.choice([s for s in ld.sites if s.name != parent.site])
                content = families._make_copy(parent, op, rng)
                shown = relex(content)
                if parent.inline and len(shown) > 2 and rng.random() < params.inherit_rate:
                    shown.insert(2, parent.inline)
                keep = parent.notice if parent.notice and rng.random() < params.notice_keep_rate else None
                credit = child_site.read_more.format(s=parent.site) if op == "excerpt" and rng.random() < 0.5 else None
                day = parent.true_date + dt.timedelta(days=rng.randint(0, 2))
                text, inline = families._assemble(shown, child_site, rng, notice=keep, credit=credit)
                nxt.append(add(paras=content, text=text, inline=inline, notice=keep, site=child_site.name,
                               title=parent.title if rng.random() < 0.7 else None, true_date=day, date=maybe_date(day),
                               parents=[parent.key], op=op))
        frontier = nxt
        if not frontier:
            break
    out = []
    for nd in nodes:
        rec: dict = {"text": nd.text, "source": nd.site}
        if nd.date:
            rec["date"] = nd.date
        if nd.title:
            rec["title"] = nd.title
        out.append((nd, rec))
    return out


def generate(data_dir: str | Path, out: Path, params: Params = Params(), *, gz: bool = False, log=print) -> dict:  # type: ignore[no-untyped-def]
    """Write ``corpus.jsonl[.gz]`` and ``truth.jsonl`` into ``out``; returns counts.

    >>> generate("../shared/eval", Path("/tmp/d"), Params(docs=1000))["docs"]  # doctest: +SKIP
    1000
    """
    langs = load_languages(Path(data_dir), params.seed)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / ("corpus.jsonl.gz" if gz else "corpus.jsonl")
    opener = (lambda p: gzip.open(p, "wt", encoding="utf-8", compresslevel=3)) if gz else (lambda p: open(p, "w", encoding="utf-8", newline="\n"))
    counts = {"docs": 0, "planted": 0, "edges": 0, "families": 0, "chars": 0}
    t0 = time.perf_counter()
    with opener(corpus) as fc, open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as ft:
        for w, start in enumerate(range(0, params.docs, params.window)):
            size = min(params.window, params.docs - start)
            rng = random.Random(f"{params.seed}:window:{w}")
            items: list[tuple[dict, tuple[int, families.Node] | None]] = []
            budget = round(size * params.planted_share)
            fam_nodes: list[list[families.Node]] = []
            while budget > 0:
                lang = "en" if rng.random() < params.en_share else "fr"
                fam = counts["families"] + len(fam_nodes)
                members = _family(langs[lang], lang, rng, params, fam, budget)
                fam_nodes.append([nd for nd, _ in members])
                items.extend((rec, (len(fam_nodes) - 1, nd)) for nd, rec in members)
                budget -= len(members)
            while len(items) < size:
                lang = "en" if rng.random() < params.en_share else "fr"
                items.append((_background(langs[lang], rng, params), None))
            rng.shuffle(items)
            ids: dict[tuple[int, int], str] = {}
            for pos, (_rec, tag) in enumerate(items):
                if tag is not None:
                    ids[(tag[0], tag[1].key)] = f"n{start + pos:07d}"
            for pos, (rec, tag) in enumerate(items):
                rid = f"n{start + pos:07d}"
                fc.write(json.dumps({"id": rid, **rec}, ensure_ascii=False) + "\n")
                counts["chars"] += len(rec["text"])
                if tag is not None:
                    f, nd = tag
                    parents = [ids[(f, p)] for p in nd.parents]
                    ft.write(json.dumps({"id": rid, "parents": parents, "op": nd.op, "family": counts["families"] + f}) + "\n")
                    counts["planted"] += 1
                    counts["edges"] += len(parents)
            counts["families"] += len(fam_nodes)
            counts["docs"] += size
            if w % 10 == 9:
                log(f"  {counts['docs']} articles, {counts['chars'] / 1e9:.2f} G chars, {time.perf_counter() - t0:.0f} s")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    d = Params()
    ap.add_argument("--data", default=str(evaldata.DEFAULT_DATA_DIR), help="eval data dir (default ../shared/eval)")
    ap.add_argument("--docs", type=int, default=d.docs, help="articles to write (default %(default)s)")
    ap.add_argument("--seed", type=int, default=d.seed, help="RNG seed (default %(default)s)")
    ap.add_argument("--out", default=None, help="output folder (default benchmarks/out/dump-DOCS)")
    ap.add_argument("--gzip", action="store_true", help="write corpus.jsonl.gz")
    ap.add_argument("--planted-share", type=float, default=d.planted_share, help="share of articles in planted families (default %(default)s)")
    ap.add_argument("--en-share", type=float, default=d.en_share, help="share of English articles (default %(default)s)")
    ap.add_argument("--window", type=int, default=d.window, help="articles shuffled together (default %(default)s)")
    a = ap.parse_args(argv)
    params = Params(docs=a.docs, seed=a.seed, planted_share=a.planted_share, en_share=a.en_share, window=a.window)
    out = Path(a.out or f"benchmarks/out/dump-{a.docs}")
    t = time.perf_counter()
    try:
        c = generate(a.data, out, params, gz=a.gzip)
    except evaldata.MissingCorpus as exc:
        print(f"make_dump: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {c['docs']} articles ({c['chars'] / 1e9:.2f} G characters), {c['planted']} planted in "
          f"{c['families']} families, {c['edges']} true parent edges, to {out} in {time.perf_counter() - t:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
