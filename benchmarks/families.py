"""Synthetic derivation families grown from real articles, with the true parent of every copy.

Newsrooms copy in a few recognisable ways. Starting from real articles (OrangeSum in French, BBC
News in English), this script grows families of copies the way those copies are made:

- ``republish``: the whole article on another site, wrapped in that site's furniture (share
  buttons, "Lire aussi : <other title>", an author blurb, "Article précédent : <title>");
- ``excerpt``: the first paragraphs only, often with "Lire la suite sur <site>";
- ``trim``: some sentences dropped;
- ``reword``: some synonyms swapped (each occurrence by chance), a clause moved to the front, a few sentences dropped;
- ``compile``: paragraphs of two stories put together (two true parents);
- copy-paste sometimes carries the parent site's inline "Lire aussi" line into the copy;
- machine translation: some roots are machine translations whose original (in another language) is
  not in the corpus; they carry a notice ("This article was automatically translated from
  Indonesian.") that copies keep or drop;

applied over two or three generations (copies of copies), with ISO dates on only some copies, and
distractors: real articles on the same topic (same BBC category, same OrangeSum day) and real
articles published on the same sites with the same furniture, which share no text with a family.

Output (``--out`` directory): ``corpus.jsonl`` (``id``, ``text``, optional ``date``, ``source``,
``title``), ``truth.json`` (every id -> list of its true parent ids; roots and distractors have
none) and ``meta.json`` (how each document was made, for diagnostics only). Ids and record order are shuffled so neither says anything about the family tree. The same
options give byte-identical files.

    python benchmarks/families.py --data ../shared/eval --out benchmarks/out/families
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import evaldata  # noqa: E402

# --- text helpers ------------------------------------------------------------------------------

_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9)»%][.!?])(?=[A-ZÀ-Ý«])")
_SENT = re.compile(r"(?<=[.!?»\"])\s+(?=[A-ZÀ-Ý«\"0-9])")
_NGRAM = 8


def paragraphs(text: str, *, glued: bool = False) -> list[str]:
    """Paragraphs of a stored article. OrangeSum lost its paragraph breaks ("ouverte.Le corps"):
    with ``glued``, a sentence end glued to a capital letter is taken as one."""
    if glued:
        text = _GLUED.sub("\n", text)
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENT.split(paragraph) if s.strip()]


def shingles(text: str, n: int = _NGRAM) -> set[tuple[str, ...]]:
    words = evaldata.normalise(text).split()
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


# Surface-form synonym pairs, applied in one pass so a swap is never swapped back.
SYNONYMS = {
    "fr": {
        "a déclaré": "a affirmé",
        "a annoncé": "a fait savoir",
        "a indiqué": "a précisé",
        "a expliqué": "a détaillé",
        "selon": "d'après",
        "également": "aussi",
        "toutefois": "cependant",
        "environ": "près de",
        "important": "majeur",
        "importante": "majeure",
        "rapidement": "vite",
        "personnes": "individus",
        "gouvernement": "exécutif",
        "entreprise": "société",
        "plusieurs": "de nombreux",
        "notamment": "en particulier",
        "afin de": "pour",
        "lors de": "pendant",
        "depuis": "dès",
        "mais": "pourtant",
        "grand": "vaste",
        "nouveau": "récent",
        "nouvelle": "récente",
        "affaire": "dossier",
        "enquête": "investigation",
        "victime": "personne touchée",
        "ville": "commune",
        "hausse": "augmentation",
        "baisse": "diminution",
    },
    "en": {
        "said": "stated",
        "announced": "revealed",
        "however": "but",
        "also": "additionally",
        "about": "around",
        "people": "individuals",
        "government": "administration",
        "company": "firm",
        "big": "large",
        "expected": "anticipated",
        "increase": "rise",
        "help": "assist",
        "because": "as",
        "major": "significant",
        "shows": "indicates",
        "bought": "purchased",
        "started": "began",
        "told": "informed",
        "new": "fresh",
        "buy": "purchase",
        "plans": "intends",
        "won": "secured",
        "chief": "head",
        "firms": "companies",
        "biggest": "largest",
        "now": "currently",
        "very": "highly",
        "added": "continued",
    },
}

_SYN_RE = {
    lang: re.compile(r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b", re.I)
    for lang, table in SYNONYMS.items()
}


def swap_synonyms(sentence: str, lang: str, rng: random.Random | None = None, rate: float = 1.0) -> str:
    """Swap words for their synonyms; with ``rng``, each occurrence only with probability
    ``rate``, so two independent rewordings of one text make different choices."""
    table = SYNONYMS[lang]

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        if rng is not None and rng.random() >= rate:
            return word
        new = table[word.lower()]
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return _SYN_RE[lang].sub(repl, sentence)


def reorder_clauses(sentence: str) -> str:
    """"A, B." -> "B, a." at the first comma after four words; unchanged otherwise."""
    m = re.match(r"^(.{20,}?), (.{20,}?)([.!?])$", sentence)
    if not m or len(m.group(1).split()) < 4:
        return sentence
    first, rest, end = m.groups()
    if first[:1].isupper() and not first[1:2].isupper() and first.split()[0].lower() in _LOWERABLE:
        first = first[:1].lower() + first[1:]
    return f"{rest[:1].upper()}{rest[1:]}, {first}{end}"


_LOWERABLE = frozenset(
    "the a an this that it he she they we in on at for after before when while as but and "
    "le la les un une des il elle ils elles nous en dans pour après avant lors quand mais et".split()
)

# --- newsroom sites ----------------------------------------------------------------------------

NOTICE_LANGUAGES = {
    "en": ["Indonesian", "Russian", "Turkish", "Spanish"],
    "fr": ["indonésien", "russe", "turc", "espagnol"],
}


@dataclass(frozen=True)
class Site:
    name: str
    lang: str
    share: str
    blurb: str
    read_also: str
    previous: str
    read_more: str
    notice: str
    recent_titles: tuple[str, ...] = ()


_UNSEEN_SITES = {
    # Furniture worded unlike any cue list of provenance/furniture.py: a family corpus on these
    # sites tests what the corpus itself reveals (lines recurring across different stories).
    "fr": ([
        ("gazette-du-sud.example", "Envoyer par mail | Imprimer | Réagir", "Journaliste indépendant, {a} collabore à la Gazette du Sud.", "À découvrir également : ", "Dans la même rubrique : ", "Retrouvez cet article sur {s}", "Texte traduit automatiquement à partir de l'{l}."),
        ("nouvelles-24.example", "Abonnez-vous à notre newsletter", "{a} — Nouvelles 24", "Notre sélection : ", "Sur le même sujet : ", "Crédit : {s}", "Version traduite automatiquement de l'{l}."),
        ("le-veilleur.example", "Réagissez à cet article (0 commentaire)", "Ancien correspondant à Bruxelles, {a} suit la politique européenne.", "A lire également sur notre site : ", "Derniers articles : ", "Publié initialement sur {s}", "Cet article est une traduction automatique de l'{l}."),
        ("ouest-info.example", "Imprimer cet article", "{a}, journaliste à Ouest Info.", "Pour aller plus loin : ", "Article suivant : ", "Repris de {s}", "Traduit automatiquement de l'{l}."),
        ("la-depeche-web.example", "Copier le lien", "Propos recueillis par {a}.", "Nos articles sur le sujet : ", "Voir l'article précédent : ", "Article de {s}", "Cet article a été traduit par une machine depuis l'{l}."),
    ], ["Hélène Roux", "Paul Girard", "Inès Morel", "Karim Benali", "Lucie Fabre"]),
    "en": ([
        ("daily-courier.example", "Print | Email | Comment", "{a} reports on local government for the Daily Courier.", "You might also like: ", "More from this section: ", "This story first appeared on {s}", "Machine translation from {l}."),
        ("metro-herald.example", "Sign up for our newsletter", "{a} — Metro Herald", "Trending now: ", "Next story: ", "Credit: {s}", "Translated automatically from {l}."),
        ("the-observer-post.example", "Leave a comment (0)", "Former Brussels correspondent {a} covers European affairs.", "Don't miss: ", "Latest stories: ", "Republished from {s}", "This text is a machine translation from {l}."),
        ("coastline-news.example", "Print this page", "{a}, reporter at Coastline News.", "Further reading: ", "Next article: ", "Courtesy of {s}", "Machine-translated from {l}."),
        ("national-wire.example", "Copy link", "Reporting by {a}; editing by staff.", "Our coverage: ", "View previous article: ", "Story by {s}", "This article was translated by machine from {l}."),
    ], ["Oliver Grant", "Maya Patel", "Lucas Reed", "Hannah Kim", "Samuel Ortiz"]),
}
"""Sites for ``Params(site_wording="unseen")``: (name, share bar, author blurb, related link, previous
link, credit, translation notice), and their authors, per language."""


def _sites(lang: str, recent: list[str], rng: random.Random, wording: str = "default") -> list[Site]:
    if wording == "unseen":
        specs, authors = _UNSEEN_SITES[lang]
    elif wording != "default":
        raise ValueError(f"unknown site wording {wording!r}; expected 'default' or 'unseen'")
    elif lang == "fr":
        specs = [
            ("infos-continent.example", "Partager : Facebook Twitter WhatsApp E-mail", "{a} est journaliste à la rédaction d'Infos Continent depuis 2016.", "Lire aussi : ", "Article précédent : ", "Lire la suite sur {s}", "Cet article a été traduit automatiquement de l'{l}. La version originale fait foi."),
            ("le-relais-quotidien.example", "Partagez cet article", "{a}, rédacteur au Relais quotidien, couvre l'actualité nationale.", "À lire aussi : ", "Article précédent ", "Source : {s}", "Traduction automatique depuis le {l}. Des erreurs peuvent subsister."),
            ("actu-express.example", "Suivez-nous sur Facebook et Twitter", "Par {a} — Actu Express", "LIRE AUSSI - ", "← Article précédent : ", "Lire l'article complet sur {s}", "Article traduit automatiquement de l'{l}."),
            ("regions-matin.example", "Cliquez pour partager sur Facebook (ouvre dans une nouvelle fenêtre)", "{a} est correspondant de Régions Matin.", "Voir aussi : ", "Précédent : ", "Avec {s}", "Ce contenu a été traduit automatiquement de l'{l}."),
            ("planete-info.example", "Partager sur : Facebook | X | LinkedIn", "Rédigé par {a}, journaliste multimédia.", "Lire aussi >> ", "Article précédent >> ", "D'après {s}", "Cet article a été traduit automatiquement de l'{l}."),
        ]
        authors = ["Claire Martin", "Julien Bernard", "Sophie Laurent", "Marc Petit", "Nadia Haddad"]
    else:
        specs = [
            ("worldwire-daily.example", "Share this article: Facebook Twitter Email", "{a} is a staff reporter at WorldWire Daily.", "Read more: ", "Previous article: ", "Read the full story at {s}", "This article was automatically translated from {l}."),
            ("the-morning-ledger.example", "Share on Facebook | Share on Twitter", "{a} covers business and politics for The Morning Ledger.", "READ MORE: ", "Previous Post ", "Source: {s}", "This article was machine-translated from {l}. The original version prevails."),
            ("newsdesk-online.example", "Click to share on WhatsApp (Opens in new window)", "By {a}, Newsdesk Online", "Related: ", "« Previous article ", "Originally published by {s}", "This article was automatically translated from {l}. There may be inaccuracies."),
            ("citypost-news.example", "Follow us on Facebook and Twitter", "{a} has written for CityPost News since 2011.", "See also: ", "Previous: ", "Via {s}", "Automatically translated from {l}; please refer to the original."),
            ("global-bulletin.example", "Share | Tweet | Email", "Written by {a}, senior correspondent.", "Also read: ", "Older article: ", "Adapted from {s}", "This article was automatically translated from {l}."),
        ]
        authors = ["James Walker", "Emma Clarke", "Priya Shah", "Tom Evans", "Grace Liu"]
    sites = []
    for i, (name, share, blurb, ra, prev, more, notice) in enumerate(specs):
        titles = tuple(recent[3 * i : 3 * i + 3])
        sites.append(Site(name, lang, share, blurb.format(a=authors[i]), ra, prev, more, notice, titles))
    rng.shuffle(sites)
    return sites


def decorate(paras: list[str], site: Site, rng: random.Random) -> tuple[list[str], str | None]:
    """Wrap paragraphs in the site's furniture, at the places sites put it; also return the
    inline "read also" line if one was put inside the article (copy-paste may carry it along)."""
    out = list(paras)
    inline = None
    if site.recent_titles and len(out) > 2 and rng.random() < 0.7:
        inline = site.read_also + rng.choice(site.recent_titles)
        out.insert(min(2, len(out)), inline)
    if rng.random() < 0.5:
        out.insert(0, site.share)
    else:
        out.append(site.share)
    if rng.random() < 0.7:
        out.append(site.blurb)
    if site.recent_titles and rng.random() < 0.6:
        out.append(site.previous + rng.choice(site.recent_titles))
    return out, inline


# --- families ----------------------------------------------------------------------------------


@dataclass
class Node:
    key: int
    paras: list[str]
    """Content paragraphs (without furniture): what a copy is made from."""
    text: str
    lang: str
    site: str
    title: str | None
    true_date: dt.date
    date: str | None
    parents: list[int] = field(default_factory=list)
    op: str = "root"
    family: int = -1
    inline: str | None = None
    """The inline "read also" line of this copy's site, if any."""
    notice: str | None = None
    """The machine-translation notice this text carries, if any."""


@dataclass(frozen=True)
class Params:
    seed: int = 13
    families_fr: int = 12
    families_en: int = 12
    max_generations: int = 3
    """Copies of copies: generation 1 copies the root, generation 2 copies generation 1, ..."""
    max_children: int = 3
    date_rate: float = 0.5
    """Share of documents whose date is given."""
    compile_rate: float = 0.15
    """Share of families with a compiled copy (two parents, the other from another family)."""
    inherit_rate: float = 0.3
    """Chance that a copy carries along its parent's inline "read also" line (copy-paste)."""
    translated_root_rate: float = 0.25
    """Share of families whose root is a machine translation of an original not in the corpus."""
    notice_keep_rate: float = 0.5
    """Chance that a copy of a machine-translated text keeps its translation notice."""
    distractors_per_family: int = 2
    site_wording: str = "default"
    """Site furniture: "default", or "unseen" (worded as no furniture cue list of the package
    knows it; same families, dates and texts otherwise)."""


OPS = ("republish", "excerpt", "trim", "reword")
SWAP_RATE = 0.5
"""Chance that a reword swaps one occurrence of a word in the synonym table. Below 1, two
independent rewordings of a text differ (a table applied whole made siblings agree on every
swap, so they resembled each other more than their common parent)."""
OP_WEIGHTS = (3, 2, 2, 3)


def _make_copy(parent: Node, op: str, rng: random.Random, wording: random.Random | None = None) -> list[str]:
    """The content of a copy of ``parent``. ``wording`` (optional) draws which synonyms a
    ``reword`` swaps; without it every synonym in the table is swapped."""
    paras = parent.paras
    if op == "republish":
        return list(paras)
    if op == "excerpt":
        k = max(2, min(len(paras) - 1, round(len(paras) * rng.uniform(0.3, 0.6))))
        return list(paras[:k])
    if op == "trim":
        out = []
        for i, p in enumerate(paras):
            sents = sentences(p)
            kept = [s for j, s in enumerate(sents) if (i == 0 and j == 0) or rng.random() >= 0.2]
            if kept:
                out.append(" ".join(kept))
        return out
    if op == "reword":
        out = []
        for i, p in enumerate(paras):
            kept = []
            for j, s in enumerate(sentences(p)):
                if not (i == 0 and j == 0) and rng.random() < 0.12:
                    continue
                s = swap_synonyms(s, parent.lang, wording, SWAP_RATE)
                if rng.random() < 0.35:
                    s = reorder_clauses(s)
                kept.append(s)
            if kept:
                out.append(" ".join(kept))
        return out
    raise ValueError(f"unknown copy operation {op!r}; expected one of {OPS}")


def _assemble(content: list[str], site: Site, rng: random.Random, *, notice: str | None = None, credit: str | None = None) -> tuple[str, str | None]:
    paras = list(content)
    if credit:
        paras.append(credit)
    if notice:
        if rng.random() < 0.5:
            paras.insert(0, notice)
        else:
            paras.append(notice)
    out, inline = decorate(paras, site, rng)
    return "\n\n".join(out) + "\n", inline


@functools.lru_cache(maxsize=4)
def _base_pool(data_dir: Path, lang: str) -> list[dict]:
    """Real articles usable as roots or distractors: no known duplicates, at least 4 paragraphs.
    Cached: callers must not modify it."""
    if lang == "fr":
        records = evaldata.orangesum_records(data_dir)
        dup_ids = {i for g in evaldata.load_orangesum_groups(data_dir) for i in g}
        dup_ids |= {i for g in evaldata.duplicate_groups(records) for i in g}
        pool = []
        for r in records:
            if r["id"] in dup_ids:
                continue
            paras = paragraphs(r["text"], glued=True)
            if 4 <= len(paras) <= 12 and all(len(p) > 40 for p in paras):
                date = (r.get("date") or "")[:10] or None
                pool.append({"id": r["id"], "paras": paras, "title": r.get("title"), "date": date, "topic": date})
    else:
        records = evaldata.bbc_records(data_dir)
        dup_ids = {i for g in evaldata.duplicate_groups(records) for i in g}
        pool = []
        for r in records:
            if r["id"] in dup_ids:
                continue
            paras = paragraphs(r["text"])[1:]  # first line is the title
            if 4 <= len(paras) <= 14 and all(len(p) > 40 for p in paras):
                pool.append({"id": r["id"], "paras": paras, "title": r.get("title"), "date": None, "topic": r.get("category")})
    pool.sort(key=lambda r: r["id"])
    return pool


def _pick(pool: list[dict], rng: random.Random, used: set[str], seen: set[tuple[str, ...]], want: int, topic: str | None = None) -> list[dict]:
    """Up to ``want`` unused articles (of ``topic`` if given) sharing no word 8-gram with any
    article picked before, so families and distractors are independent texts."""
    candidates = [r for r in pool if r["id"] not in used and (topic is None or r["topic"] == topic)]
    rng.shuffle(candidates)
    out = []
    for r in candidates:
        sh = shingles(" ".join(r["paras"]))
        if sh & seen:
            continue
        used.add(r["id"])
        seen |= sh
        out.append(r)
        if len(out) == want:
            break
    return out


def _date(base: dt.date, days: int) -> dt.date:
    return base + dt.timedelta(days=days)


def generate(data_dir: str | Path, params: Params = Params()) -> tuple[list[dict], dict[str, list[str]], dict[str, dict]]:
    """Build the corpus records, the truth (id -> true parent ids) and, for diagnostics, how each
    document was made (id -> ``op``, ``family``, ``lang``; distractors have family -1)."""
    rng = random.Random(params.seed)
    nodes: list[Node] = []
    used: set[str] = set()
    seen: set[tuple[str, ...]] = set()

    def add(**kw) -> Node:
        node = Node(key=len(nodes), **kw)
        nodes.append(node)
        return node

    def maybe_date(d: dt.date) -> str | None:
        return d.isoformat() if rng.random() < params.date_rate else None

    family_roots: list[Node] = []
    for lang, count in (("fr", params.families_fr), ("en", params.families_en)):
        if count <= 0:
            continue
        pool = _base_pool(Path(data_dir).resolve(), lang)
        recent = [r["title"] for r in _pick(pool, rng, used, set(), 15)]
        sites = _sites(lang, recent, rng, params.site_wording)
        bases = _pick(pool, rng, used, seen, count)
        for fam, base in enumerate(bases):
            fam_id = len(family_roots)
            if base["date"]:
                root_date = dt.date.fromisoformat(base["date"])
            else:
                root_date = _date(dt.date(2005, 1, 3), rng.randrange(0, 300))
            site = sites[fam % len(sites)]
            root_notice = None
            if rng.random() < params.translated_root_rate:
                root_notice = site.notice.format(l=rng.choice(NOTICE_LANGUAGES[lang]))
            text, inline = _assemble(base["paras"], site, rng, notice=root_notice)
            root = add(
                paras=base["paras"], text=text, lang=lang, site=site.name, inline=inline, notice=root_notice,
                title=base["title"], true_date=root_date, date=maybe_date(root_date), family=fam_id,
                op="root_translated" if root_notice else "root",
            )
            family_roots.append(root)
            frontier = [root]
            for generation in range(1, params.max_generations + 1):
                nxt = []
                for parent in frontier:
                    n_children = rng.randint(1, params.max_children) if generation == 1 else rng.choice([0, 1, 1, 2])
                    for _ in range(n_children):
                        op = rng.choices(OPS, weights=OP_WEIGHTS)[0]
                        child_site = rng.choice([s for s in sites if s.name != parent.site])
                        # A separate generator for word choices keeps the family shapes, dates and
                        # sites of a seed the same whatever the rewording draws.
                        wording = random.Random(f"{params.seed}:{len(nodes)}")
                        content = _make_copy(parent, op, rng, wording)
                        if parent.inline and len(content) > 2 and rng.random() < params.inherit_rate:
                            content.insert(2, parent.inline)
                        notice = parent.notice if parent.notice and rng.random() < params.notice_keep_rate else None
                        credit = child_site.read_more.format(s=parent.site) if op == "excerpt" and rng.random() < 0.5 else None
                        day = _date(parent.true_date, rng.randint(0, 2))
                        text, inline = _assemble(content, child_site, rng, notice=notice, credit=credit)
                        child = add(
                            paras=content, text=text, inline=inline, notice=notice, lang=lang, site=child_site.name, title=parent.title if rng.random() < 0.7 else None,
                            true_date=day, date=maybe_date(day), parents=[parent.key], op=op, family=fam_id,
                        )
                        nxt.append(child)
                frontier = nxt
                if not frontier:
                    break
            # distractors: same topic, and same site furniture, but no shared text
            for k in range(params.distractors_per_family):
                topic = base["topic"] if k % 2 == 0 else None
                picked = _pick(pool, rng, used, seen, 1, topic=topic) or _pick(pool, rng, used, seen, 1)
                for r in picked:
                    d_site = rng.choice(sites)
                    notice = d_site.notice.format(l=rng.choice(NOTICE_LANGUAGES[lang])) if rng.random() < 0.25 else None
                    d_date = dt.date.fromisoformat(r["date"]) if r["date"] else _date(root_date, rng.randint(-3, 3))
                    add(
                        paras=r["paras"], text=_assemble(r["paras"], d_site, rng, notice=notice)[0], lang=lang,
                        site=d_site.name, title=r["title"], true_date=d_date, date=maybe_date(d_date), op="distractor",
                    )
        # compilations: a copy built from one family's member and another family's root
        lang_roots = [r for r in family_roots if r.lang == lang]
        n_compiled = round(params.compile_rate * len(lang_roots))
        for _ in range(n_compiled if len(lang_roots) > 1 else 0):
            a_root, b_root = rng.sample(lang_roots, 2)
            members = [n for n in nodes if n.family == a_root.family]
            a = rng.choice(members)
            b = b_root
            half_a = a.paras[: max(2, len(a.paras) // 2)]
            part_b = b.paras[: max(1, len(b.paras) // 3)]
            site = rng.choice([s for s in sites if s.name not in (a.site, b.site)])
            day = _date(max(a.true_date, b.true_date), rng.randint(0, 1))
            text, inline = _assemble(half_a + part_b, site, rng)
            add(
                paras=half_a + part_b, text=text, inline=inline, lang=lang, site=site.name,
                title=a.title, true_date=day, date=maybe_date(day), parents=[a.key, b.key], op="compile",
                family=a.family,
            )

    order = list(range(len(nodes)))
    rng.shuffle(order)
    ids = {key: f"doc{pos:04d}" for pos, key in enumerate(order)}
    records = []
    for key in sorted(order, key=lambda k: ids[k]):
        n = nodes[key]
        rec: dict = {"id": ids[key], "text": n.text}
        if n.date:
            rec["date"] = n.date
        rec["source"] = n.site
        if n.title:
            rec["title"] = n.title
        records.append(rec)
    truth = {ids[n.key]: sorted(ids[p] for p in n.parents) for n in sorted(nodes, key=lambda n: ids[n.key])}
    meta = {
        ids[n.key]: {
            "op": n.op,
            "family": n.family,
            "lang": n.lang,
            "content": hashlib.sha1("\n".join(n.paras).encode("utf-8")).hexdigest()[:16],
            "date": n.true_date.isoformat(),
        }
        for n in sorted(nodes, key=lambda n: ids[n.key])
    }
    return records, truth, meta


def write(records: list[dict], truth: dict[str, list[str]], out: Path, meta: dict[str, dict] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "corpus.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
    with open(out / "truth.json", "w", encoding="utf-8", newline="\n") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    if meta is not None:
        with open(out / "meta.json", "w", encoding="utf-8", newline="\n") as fh:
            json.dump(meta, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    d = Params()
    p.add_argument("--data", default=str(evaldata.DEFAULT_DATA_DIR), help="eval data dir (default ../shared/eval)")
    p.add_argument("--out", default="benchmarks/out/families", help="output directory (default %(default)s)")
    p.add_argument("--seed", type=int, default=d.seed, help="RNG seed (default %(default)s)")
    p.add_argument("--families-fr", type=int, default=d.families_fr, help="French families from OrangeSum (default %(default)s)")
    p.add_argument("--families-en", type=int, default=d.families_en, help="English families from BBC News (default %(default)s)")
    p.add_argument("--max-generations", type=int, default=d.max_generations, help="longest copy chain below a root (default %(default)s)")
    p.add_argument("--max-children", type=int, default=d.max_children, help="most direct copies of a root (default %(default)s)")
    p.add_argument("--date-rate", type=float, default=d.date_rate, help="share of documents with a date (default %(default)s)")
    p.add_argument("--compile-rate", type=float, default=d.compile_rate, help="compilations per family (default %(default)s)")
    p.add_argument("--inherit-rate", type=float, default=d.inherit_rate, help="copies carrying the parent's inline link (default %(default)s)")
    p.add_argument("--translated-root-rate", type=float, default=d.translated_root_rate, help="roots that are machine translations (default %(default)s)")
    p.add_argument("--notice-keep-rate", type=float, default=d.notice_keep_rate, help="copies keeping a translation notice (default %(default)s)")
    p.add_argument("--distractors-per-family", type=int, default=d.distractors_per_family, help="(default %(default)s)")
    p.add_argument("--site-wording", choices=("default", "unseen"), default=d.site_wording,
                   help="site furniture as the package's cue lists know it, or worded otherwise (default %(default)s)")
    a = p.parse_args(argv)
    params = Params(
        seed=a.seed, families_fr=a.families_fr, families_en=a.families_en, max_generations=a.max_generations,
        max_children=a.max_children, date_rate=a.date_rate, compile_rate=a.compile_rate, inherit_rate=a.inherit_rate,
        translated_root_rate=a.translated_root_rate, notice_keep_rate=a.notice_keep_rate,
        distractors_per_family=a.distractors_per_family, site_wording=a.site_wording,
    )
    try:
        records, truth, meta = generate(a.data, params)
    except evaldata.MissingCorpus as exc:
        print(f"families: {exc}", file=sys.stderr)
        return 2
    write(records, truth, Path(a.out), meta)
    n_edges = sum(len(v) for v in truth.values())
    print(f"wrote {len(records)} documents, {n_edges} true parent edges to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
