"""Dates hold along the whole tree, not only across each edge; and copies of one text are one
witness of a family's order, however many of them the corpus holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.graph import (
    GraphConfig,
    PairEdge,
    _cut_logodds,
    _date_conflicts,
    _respect_dates,
    build_graph,
    max_branching,
    place_family,
)
from provenance.load import to_document
from provenance.model import Document
from provenance.orient import compare_dates
from provenance.pipeline import trace

WIRE = [
    "Council approves new tram line after two-year delay",
    "The city council on Tuesday approved a new tram line linking the northern suburbs to the "
    "central station, ending two years of disputes over its route and cost.",
    "The 12-kilometre line will cost an estimated 640 million euros, of which the national "
    "government has agreed to pay 40 percent, the mayor's office said in a statement.",
    "Construction is due to begin next spring and the first trams should run by the end of 2028, "
    "according to the timetable presented to councillors.",
    "Opposition members voted against the plan, arguing that the money would be better spent on "
    "buses and on repairing the existing network, which has suffered repeated breakdowns.",
    "Residents of the northern districts have campaigned for a rail link for more than a decade, "
    "saying the current bus services are slow and overcrowded at peak hours.",
    "The transport authority said it would publish the final list of stops in the coming weeks.",
]
ADDED = ("Shopkeepers along the planned route told the Daily Courier they feared months of roadworks "
         "would drive customers away, and called on the council to offer compensation.")
FOOTER = "Read more local news on DailyCourier.com every morning."


def _text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def _against_dates(graph: dict) -> list[tuple[str, str]]:
    """(ancestor, descendant) pairs of the directed edges where the ancestor is dated after."""
    dates = {n["id"]: n["date"] for n in graph["nodes"]}
    up: dict[str, list[str]] = {}
    for e in graph["edges"]:
        if e["directed"]:
            up.setdefault(e["target"], []).append(e["source"])
    out = []
    for node in up:
        seen: set[str] = set()
        todo = list(up[node])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(up.get(x, []))
                if dates.get(x) and dates.get(node) and dates[x] > dates[node]:
                    out.append((x, node))
    return out


def _linked(graph: dict) -> set[frozenset[str]]:
    return {frozenset((e["source"], e["target"])) for e in graph["edges"]}


def _trace(records: list[dict]) -> dict:
    return trace([to_document(r) for r in records]).graph


def test_an_undated_scrape_of_a_later_page_does_not_put_the_earlier_wire_below_it():
    # The 11:00 page keeps the whole 08:00 wire and adds a paragraph and its footer; the undated
    # scraper copies that page without the footer. Text alone explains the wire best as the
    # scrape with a paragraph dropped, which would hang the 08:00 wire below the 11:00 page.
    page = WIRE[:4] + [ADDED] + WIRE[4:]
    graph = _trace([
        {"id": "wire", "text": _text(WIRE), "date": "2024-03-12T08:00:00Z", "source": "wire.example"},
        {"id": "courier", "text": _text([*page, FOOTER]), "date": "2024-03-12T11:00:00Z",
         "source": "dailycourier.example"},
        {"id": "scraper", "text": _text(page)},
    ])
    assert _against_dates(graph) == []
    # The edge of the path that the text supports least goes (the scrape minus a paragraph as
    # the wire's source), and the dated pair takes its place.
    directed = {(e["source"], e["target"]) for e in graph["edges"] if e["directed"]}
    assert directed == {("wire", "courier"), ("courier", "scraper")}


def test_two_versions_of_one_address_keep_their_order_through_an_undated_copy():
    v1 = WIRE[:5]
    v2 = [WIRE[0] + " (updated)",
          "The city council on Tuesday approved a new tram line linking the northern suburbs to the "
          "central station and the airport, ending two years of disputes over its route and cost.",
          *WIRE[2:], ADDED]
    graph = _trace([
        {"id": "v1", "text": _text(v1), "date": "2024-03-12T08:00:00Z", "url": "https://wire.example/tram"},
        {"id": "v2", "text": _text(v2), "date": "2024-03-12T12:00:00Z", "url": "https://wire.example/tram"},
        # An undated copy of the update without its last paragraph, with a site's own lines.
        {"id": "copy", "text": _text(["Metro Today - your city first", *v2[:-1], "Comments are closed."])},
    ])
    assert _against_dates(graph) == []
    assert {n for link in _linked(graph) for n in link} == {"v1", "v2", "copy"}


def test_an_update_hangs_under_its_earlier_version_not_under_an_undated_copy_of_itself():
    # v2 is v1 with three paragraphs added at the same address; a scraper kept v2 word for word
    # and gave no date. Read by its text alone, the scrape explains both versions best (cutting
    # is cheaper than adding), and so stood above the page's first version.
    v2 = [*WIRE, ADDED]
    graph = _trace([
        {"id": "v1", "text": _text(WIRE[:4]), "date": "2024-03-12T08:00:00Z", "url": "https://courier.example/tram"},
        {"id": "v2", "text": _text(v2), "date": "2024-03-12T12:00:00Z", "url": "https://courier.example/tram?v=2"},
        {"id": "scrape", "text": _text(v2), "source": "scrape.example"},
    ])
    directed = {(e["source"], e["target"]) for e in graph["edges"] if e["directed"]}
    assert ("v1", "v2") in directed
    assert not {("scrape", "v1"), ("scrape", "v2")} & directed


def _pair(a: str, b: str, relation: str, cov_a: float, cov_b: float, logodds: float = 0.0,
          date_logodds: float = 0.0, words: tuple[int, int, int] = (0, 0, 0), named: float = 0.0,
          marks: float = 0.0) -> PairEdge:
    # Evidence other than dates, a named outlet and the texts' own marks (notices, headers) is
    # containment.
    return PairEdge(a, b, relation, None, 0.5, 1.0, 5, cov_a, cov_b, (), logodds=logodds, date_logodds=date_logodds,
                    excerpt_logodds=logodds - date_logodds - named - marks, named_logodds=named,
                    words_a=words[0], words_b=words[1], common_words=words[2])


def test_no_document_is_placed_below_one_dated_after_it():
    # late (dated after early) -> undated -> early is the textually best tree: the undated page
    # names late's outlet and is late's text verbatim, which is early's with a paragraph added.
    pairs = [
        _pair("early", "late", "near_duplicate", 1.0, 0.9, logodds=2.0, date_logodds=3.5, words=(180, 200, 180)),
        _pair("early", "undated", "near_duplicate", 1.0, 0.9, logodds=-1.5, words=(180, 200, 180)),
        _pair("late", "undated", "duplicate", 1.0, 1.0, logodds=1.0, named=1.0, words=(200, 200, 200)),
    ]
    dates = {"early": "2024-03-12T08:00", "late": "2024-03-12T11:00", "undated": None}
    placed = {pl.child: pl.parent for pl in place_family(["early", "late", "undated"], pairs, dates)}
    up = placed["early"]
    while up is not None:
        assert up != "late"
        up = placed[up]
    # Every document still has a place: one root, and the others linked.
    assert sum(p is None for p in placed.values()) == 1


def test_a_parent_ruled_out_by_the_dates_along_the_tree_is_said_so():
    # The text would hang the 08:00 wire under an undated scrape of the 11:00 page; with that
    # ruled out the wire takes its next best parent (another undated copy), and says why.
    def pair(a: str, b: str) -> PairEdge:
        return PairEdge(a, b, "excerpt", None, 0.5, 1.0, 3, 1.0, 0.9, ())

    ws = [("late", "scrape", 3.0, pair("late", "scrape")), ("scrape", "wire", 2.0, pair("scrape", "wire")),
          ("wire", "late", 1.0, pair("wire", "late")), ("other", "wire", 0.5, pair("other", "wire"))]

    def solve(banned: frozenset[tuple[str, str]]) -> dict[str, tuple[str, PairEdge]]:
        ok = [e for e in ws if e[:2] not in banned]
        return {ok[k][1]: (ok[k][0], ok[k][3]) for k in max_branching([e[:3] for e in ok])}

    dates = {"wire": "2024-03-12T08:00", "late": "2024-03-12T11:00"}
    tree, banned, why = _respect_dates(solve, ws, ["wire", "late", "scrape", "other"], dates)
    assert {v: u for v, (u, _p) in tree.items()} == {"wire": "other", "late": "wire", "scrape": "late"}
    assert banned == {("scrape", "wire")}
    assert why == {"wire": "scrape would explain wire better by its text, but then wire (dated 2024-03-12T08:00) "
                           "would descend from late (dated 2024-03-12T11:00)"}


def _words(n: int) -> tuple[int, int, int]:
    return (n, n, n)


def test_verbatim_copies_add_no_evidence_across_a_cut():
    # A short first take ("brief") contained in the developed story ("story"): containment is
    # all the evidence. Adding verbatim copies of each must not make the edge surer.
    def conf(k: int) -> float:
        nodes = ["story", "brief"] + [f"story{i}" for i in range(k)] + [f"brief{i}" for i in range(k)]
        pairs = [_pair("story", "brief", "excerpt", 0.2, 1.0, logodds=1.5, words=(300, 60, 60))]
        for i in range(k):
            pairs.append(_pair("story", f"story{i}", "duplicate", 1.0, 1.0, words=_words(300)))
            pairs.append(_pair("brief", f"brief{i}", "duplicate", 1.0, 1.0, words=_words(60)))
            pairs.append(_pair(f"story{i}", "brief", "excerpt", 0.2, 1.0, logodds=1.5, words=(300, 60, 60)))
            pairs.append(_pair("story", f"brief{i}", "excerpt", 0.2, 1.0, logodds=1.5, words=(300, 60, 60)))
            for j in range(k):
                pairs.append(_pair(f"story{i}", f"brief{j}", "excerpt", 0.2, 1.0, logodds=1.5, words=(300, 60, 60)))
        for group in (["story", *(f"story{i}" for i in range(k))], ["brief", *(f"brief{i}" for i in range(k))]):
            for i, x in enumerate(group[1:]):
                for y in group[i + 2:]:
                    pairs.append(_pair(x, y, "duplicate", 1.0, 1.0, words=_words(300)))
        out = {pl.child: pl for pl in place_family(nodes, pairs, {})}
        brief = out["brief"]
        assert brief.parent is not None and brief.parent.startswith("story")
        return brief.confidence

    alone = conf(0)
    assert abs(conf(1) - alone) < 1e-9 and abs(conf(3) - alone) < 1e-9


def test_containment_along_a_chain_is_one_fact():
    # a -> b -> c, each trimming the one before: that a contains c follows from the other two
    # pairs, so it adds nothing to the edge into c (summed, it read as 3.0 log-odds).
    pairs = [
        _pair("a", "b", "excerpt", 0.8, 1.0, logodds=1.5, words=(300, 240, 240)),
        _pair("b", "c", "excerpt", 0.8, 1.0, logodds=1.5, words=(240, 190, 190)),
        _pair("a", "c", "excerpt", 0.63, 1.0, logodds=1.5, words=(300, 190, 190)),
    ]
    out = {pl.child: pl for pl in place_family(["a", "b", "c"], pairs, {})}
    assert out["c"].parent == "b" and out["b"].parent == "a"
    assert abs(out["c"].confidence - 1 / (1 + 2.718281828 ** -1.5)) < 1e-3


def test_dated_copies_of_one_text_count_their_dates_once():
    # The developed story and its verbatim copy, both dated before the brief: one date vote
    # between the two groups, not one per copy.
    d = {"story": "2024-03-12", "story0": "2024-03-12", "brief": "2024-03-13"}
    one = [_pair("story", "brief", "rewrite", 0.5, 0.5, logodds=3.5, date_logodds=3.5, words=(300, 200, 150))]
    two = [*one, _pair("story", "story0", "duplicate", 1.0, 1.0, words=_words(300)),
           _pair("story0", "brief", "rewrite", 0.5, 0.5, logodds=3.5, date_logodds=3.5, words=(300, 200, 150))]
    c1 = {pl.child: pl for pl in place_family(["story", "brief"], one, d)}["brief"].confidence
    c2 = {pl.child: pl for pl in place_family(["story", "story0", "brief"], two, d)}["brief"].confidence
    assert abs(c1 - c2) < 1e-9


_DATES = st.one_of(st.none(), st.sampled_from(["2024-03", "2024-03-11", "2024-03-12", "2024-03-12T08:00",
                                               "2024-03-12T11:00", "2024-03-12T11:00:30", "2024-04",
                                               # clock times of unknown zone, within 14 hours of some
                                               "2024-03-11 19:00", "2024-03-12 09:00", "2024-03-13 02:00"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), _DATES), min_size=1, max_size=12))
def test_date_conflicts_agree_with_every_ancestor_compared(spec) -> None:  # type: ignore[no-untyped-def]
    # A random tree (node i's parent is some earlier node, or none) with dates of mixed
    # precision: a document is reported iff some ancestor is dated after it at their common
    # precision, and with the path up to the nearest such ancestor.
    nodes = [f"n{i}" for i in range(len(spec))]
    dates = {n: d for n, (_p, d) in zip(nodes, spec, strict=True)}
    tree = {n: (nodes[p % i], None) for i, (n, (p, _d)) in enumerate(zip(nodes, spec, strict=True)) if i and p < 2 * i}
    dated = [n for n in nodes if dates[n]]
    want = []
    for d in dated:
        path, x = [], d
        while x in tree:
            path.append((tree[x][0], x))
            x = tree[x][0]
            if compare_dates(dates[x], dates[d]) > 0:
                want.append(path)
                break
    assert _date_conflicts(tree, dates, dated) == want  # type: ignore[arg-type]


def test_a_document_cut_off_by_the_dates_along_the_tree_stays_linked():
    # The wire relates to the undated page alone, which is the late page's text verbatim, and
    # whose own marks say it came before the wire (which rules the wire out as its parent): the
    # text hangs the wire below the late page. Ruled out, the wire has no parent and no child,
    # yet the relation stage found the pair a derivation: it stays linked, undirected.
    pairs = [
        _pair("late", "undated", "duplicate", 1.0, 1.0, logodds=1.0, named=1.0, words=(200, 200, 200)),
        _pair("undated", "wire", "near_duplicate", 0.9, 1.0, logodds=1.5, marks=1.5, words=(200, 180, 180)),
    ]
    docs = [Document("wire", "x", date="2024-03-12T08:00"), Document("late", "x", date="2024-03-12T11:00"),
            Document("undated", "x")]
    graph = build_graph(docs, pairs)
    assert _against_dates(graph) == []
    assert {n for link in _linked(graph) for n in link} == {"wire", "late", "undated"}
    cut = next(e for e in graph["edges"] if "wire" in (e["source"], e["target"]))
    assert not cut["directed"] and cut["evidence"][-1] == (
        "undated is ruled out as the source of wire, as then wire (dated 2024-03-12T08:00) would descend "
        "from late (dated 2024-03-12T11:00): left undirected")


def test_a_time_with_no_zone_orders_against_utc_only_beyond_14_hours():
    # A feed's "10:00" of unknown zone (Paris: 09:00 UTC) and a copy's 09:30 UTC: either may be
    # first, so the copy's containment orders the pair, and no date is given as evidence.
    recs = [{"id": "orig", "text": _text(WIRE), "date": "2024-03-12 10:00"},
            {"id": "copy", "text": _text(WIRE[:5]), "date": "2024-03-12T09:30:00Z"}]
    res = trace([to_document(r) for r in recs])
    assert {(e["source"], e["target"]) for e in res.graph["edges"] if e["directed"]} == {("orig", "copy")}
    assert not any("dated" in line for p in res.pairs if p.direction for line in p.direction.evidence)
    # A day and a half apart, the order is certain, and the evidence says which time is UTC's.
    recs[1]["date"] = "2024-03-10T22:00:00Z"
    res = trace([to_document(r) for r in recs])
    assert [line for p in res.pairs if p.direction for line in p.direction.evidence if "dated" in line] == [
        "copy is dated 2024-03-10T22:00 UTC, before orig (2024-03-12 10:00, zone unknown)"]
    # Two times of no zone still compare at the minute.
    assert compare_dates("2024-03-12 10:00", "2024-03-12 09:30") == 1
    assert compare_dates("2024-03-12 10:00", "2024-03-12T09:30") == 0
    assert compare_dates("2024-03-12 10:00", "2024-03-11T19:59") == 1


def test_containment_across_a_cut_says_no_more_than_its_strongest_pair():
    # Nested trims of one text, undated: each larger one contains every smaller one, so every
    # pair across a cut repeats one fact. Summed, five such pairs made an edge certain (1.0).
    sizes = ["k9", "k8", "k7", "k6", "k5"]
    pairs = [_pair(a, b, "excerpt", 1.0, 0.8, logodds=1.5) for i, a in enumerate(sizes) for b in sizes[i + 1:]]
    chain = {b: (a, next(p for p in pairs if (p.a, p.b) == (a, b))) for a, b in zip(sizes[:-1], sizes[1:], strict=True)}
    cut = _cut_logodds(sizes, chain, pairs, {}, GraphConfig())
    assert all(0 < lo <= 1.5 for lo in cut.values())


def test_dates_that_do_not_order_a_pair_say_so() -> None:
    # A day against a time of that day, a clock time of unknown zone near a UTC time: two dates a
    # reader would take for an order, which the trace cannot read as one.
    for da, db, why in (("2022-03-02", "2022-03-02T11:30:00Z", "the same day at the precision both give"),
                        ("2022-03-02 10:00", "2022-03-02T09:30:00Z", "a clock time of unknown zone within 14 hours")):
        g = trace([Document("a", _text(WIRE), date=da), Document("b", _text(WIRE[:3]), date=db)]).graph
        ev = next(e["evidence"] for e in g["edges"] if {e["source"], e["target"]} == {"a", "b"})
        assert any(line.startswith("the dates do not order them: a ") and why in line for line in ev), ev
    g = trace([Document("a", _text(WIRE), date="2022-03-02"), Document("b", _text(WIRE[:3]), date="2022-03-02")]).graph
    assert not any("do not order" in line for e in g["edges"] for line in e["evidence"])
