"""A compilation of two stories, told from a roundup that two sites excerpted, without dates."""

from __future__ import annotations

import dataclasses

from provenance.graph import GraphConfig, PairEdge, build_graph, compilations
from provenance.load import from_texts
from provenance.pipeline import trace

BRIDGE = [
    "Harbour bridge to close for six weeks",
    "The Kessler Bridge across the harbour will close to traffic for six weeks from Monday while engineers "
    "replace worn expansion joints, the regional transport authority said on Thursday.",
    "About 40,000 vehicles cross the bridge each day. Drivers are being advised to use the northern ring road, "
    "where temporary traffic lights will be removed to ease congestion.",
    "Bus routes 12 and 14 will be diverted through the old town, adding up to fifteen minutes to journeys at peak "
    "times. The ferry between the two quays will run every ten minutes instead of every twenty.",
    "The authority's chief engineer, Marta Lindqvist, said the joints had reached the end of their design life. "
    "\"We would rather close the bridge in an orderly way now than face an emergency closure in winter,\" she said.",
    "Shops on the south bank have complained that they were given only two weeks' notice. The chamber of commerce "
    "said it would ask the city council for compensation for lost trade.",
    "The work is expected to cost 11 million euros and is paid for by the national infrastructure programme. "
    "A second phase, to resurface the deck, is planned for next year.",
]
NURSES = [
    "Nurses at three hospitals to strike next week",
    "Nurses at three hospitals in the county will walk out for 48 hours next week after talks over pay and "
    "staffing broke down, their union announced on Wednesday.",
    "The union says wards are routinely left with one nurse for every twelve patients at night. It is demanding "
    "a pay rise of 7 percent and a guaranteed minimum staffing level on every shift.",
    "Hospital managers said emergency departments, maternity units and intensive care would remain fully staffed "
    "during the strike. Planned operations and outpatient appointments will be postponed.",
    "It is the first strike by nurses in the county for more than two decades. A ballot last month returned a "
    "majority of 84 percent in favour of industrial action on a turnout of 61 percent.",
    "The county health board said it had offered a rise of 4 percent and sixty additional nurses over two years. "
    "\"We remain ready to return to the table at any time,\" a spokesman said.",
    "Patient groups urged both sides to settle the dispute quickly. Waiting lists for hip and knee replacements "
    "in the county are already among the longest in the country.",
]
# A weekly newsletter's items, each two paragraphs.
LIBRARY = [
    "The central library reopened on Saturday after an eighteen-month renovation that added a children's floor, "
    "a rooftop reading terrace and a cafe. More than 3,000 visitors came on the first day, the culture office said.",
    "The renovation cost 9.5 million euros, a third more than first budgeted, after asbestos was found in the "
    "ceilings of the old reading rooms. Opening hours have been extended to 9 pm on weekdays.",
]
MARATHON = [
    "Organisers of the city marathon have capped entries at 12,000 runners this year, down from 15,000, after "
    "complaints about crowding at the start. Registration opens on 1 March and places are expected to go within days.",
    "The route has also been changed to avoid the tram works on Station Avenue. It will now follow the river "
    "embankment for the final five kilometres.",
]
RECYCLING = [
    "From April, households will be able to put soft plastics such as crisp packets and bread bags in their "
    "recycling bins, the waste department announced. Until now they had to be taken to supermarket collection points.",
    "The change follows the opening of a sorting plant at Eastfield that can separate film plastics from other "
    "waste. The department expects the household recycling rate to rise from 46 to 52 percent.",
]
WEATHER = [
    "Forecasters expect the dry spell to end on Sunday, with heavy rain and gusts of up to 80 km/h along the coast. "
    "The fire service has lifted its ban on barbecues in the city's parks from Monday.",
    "Residents of low-lying streets near the Mill Brook are advised to move cars off the road overnight. Sandbags "
    "can be collected from the depot on Quarry Lane between 8 am and 6 pm.",
]
ROUNDUP = ["This week in the city", "Our weekly round-up of local news.", *LIBRARY, *MARATHON, *RECYCLING, *WEATHER]


def _page(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def _directed(graph: dict) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in graph["edges"] if e["directed"]}


def test_an_undated_compilation_of_two_stories_has_both_as_parents() -> None:
    digest = ["The week in brief", "Two stories that made the news this week.", *BRIDGE[1:4],
              "Also this week:", *NURSES[1:4]]
    texts = {"bridge": _page(BRIDGE), "nurses": _page(NURSES), "digest": _page(digest)}
    g = trace(from_texts(texts)).graph
    assert _directed(g) == {("bridge", "digest"), ("nurses", "digest")}
    for e in g["edges"]:
        assert any("joins disjoint parts of bridge and nurses" in ev for ev in e["evidence"]), e
        # Evidence of an excerpt's weight, not of a date's; the other source is no rival parent.
        assert 0.75 < e["confidence"] < 0.9 and e["parent_confidence"] in (None, e["confidence"])
    # The same texts under other names, given in another order, get the same graph.
    renamed = {"zz": texts["bridge"], "aa": texts["digest"], "mm": texts["nurses"]}
    assert _directed(trace(from_texts(renamed)).graph) == {("zz", "aa"), ("mm", "aa")}
    # A brief that took only the strike story's opening is a copy of that story, not of the
    # digest that joined it to another (it is equally in both).
    texts["brief"] = _page(["Nurses to strike", *NURSES[1:3]])
    assert _directed(trace(from_texts(texts)).graph) == {("bridge", "digest"), ("nurses", "digest"), ("nurses", "brief")}


def test_items_two_sites_took_from_a_roundup_are_its_excerpts() -> None:
    # Each site took one item of the newsletter whole, under a headline of its own: fragments
    # of the roundup, not stories it was compiled from.
    texts = {"roundup": _page(ROUNDUP), "library": _page(["Library reopens after renovation", *LIBRARY]),
             "bins": _page(["Soft plastics go in the recycling bin", *RECYCLING])}
    g = trace(from_texts(texts)).graph
    assert _directed(g) == {("roundup", "library"), ("roundup", "bins")}
    assert not any("compilation" in ev for e in g["edges"] for ev in e["evidence"])


def test_items_expanded_from_a_longer_roundup_make_no_compilation() -> None:
    # Each site took one item and wrote more of its own; the roundup holds two more items that
    # neither has. Nothing says the roundup joined the two sites' stories.
    library = ["Library reopens after renovation", *LIBRARY,
               "The library's director, Paul Okafor, said the children's floor had been planned for a decade. "
               "School visits will start in the autumn term, with free membership for every pupil in the city.",
               "The old building first opened in 1926 and was last refurbished in the 1970s. Its reading room "
               "ceiling, painted by a local artist, has been restored and can be seen on guided tours."]
    bins = ["Soft plastics go in the recycling bin", *RECYCLING,
            "Environmental groups welcomed the change but said the city still burns too much of its waste. "
            "Campaigners want a deposit scheme for drinks cans and bottles to be introduced next year.",
            "Residents who are unsure what can be recycled can check an online guide or call the waste helpline, "
            "which is open from 8 am to 8 pm on weekdays."]
    texts = {"roundup": _page(ROUNDUP), "library": _page(library), "bins": _page(bins)}
    g = trace(from_texts(texts)).graph
    assert not any(t == "roundup" for _s, t in _directed(g))
    assert not any("compilation" in ev for e in g["edges"] for ev in e["evidence"])


def test_an_undated_roundup_of_four_stories_has_all_four_as_parents() -> None:
    # Each story runs on well past what the newsletter kept; no two make up most of the
    # newsletter, the four together do.
    more = {
        "library": ["The library's director said school visits would start in the autumn term, with free membership "
                    "for every pupil in the city and a new reading club on Wednesday afternoons.",
                    "The old building first opened in 1926 and was last refurbished in the 1970s. Its painted reading "
                    "room ceiling has been restored and can be seen on guided tours every Saturday morning.",
                    "A temporary exhibition on the history of the city's printing trade opens next month in the "
                    "former periodicals hall, with presses lent by the regional museum."],
        "marathon": ["Last year's race raised more than 400,000 euros for local charities, and the organisers hope to "
                     "match that total despite the smaller field of runners.",
                     "Volunteers are still needed at the water stations along the embankment. Those who sign up before "
                     "the end of February will receive a free pass to the runners' village.",
                     "The elite field will be announced in April. Last year's winner, a schoolteacher from the suburbs, "
                     "has already said she will defend her title."],
        "bins": ["Environmental groups welcomed the change but said the city still burns too much of its waste, and "
                 "called for a deposit scheme for drinks cans and bottles.",
                 "Households will receive a leaflet in March explaining what can go in each bin. An online guide and a "
                 "telephone helpline will be available from the same date.",
                 "The waste department said collection days would not change, but lorries on some rural rounds would be "
                 "replaced by smaller vehicles able to reach narrow lanes."],
        "weather": ["Farmers in the valley said the rain came too late for this year's first cut of hay, which has been "
                    "the smallest in a decade after the driest spring on record.",
                    "The water company said reservoir levels stood at 61 percent, well below the average for the time of "
                    "year, and that the hosepipe ban would stay in force for now.",
                    "Cyclists and walkers were asked to avoid the coastal path between the harbour and the lighthouse, "
                    "where the cliffs are prone to falls after heavy rain."],
    }
    texts = {"library": _page(["Library reopens", *LIBRARY, *more["library"]]),
             "marathon": _page(["Marathon capped", *MARATHON, *more["marathon"]]),
             "bins": _page(["Soft plastics", *RECYCLING, *more["bins"]]),
             "weather": _page(["Rain on Sunday", *WEATHER, *more["weather"]]), "roundup": _page(ROUNDUP)}
    g = trace(from_texts(texts)).graph
    assert _directed(g) == {(x, "roundup") for x in ("library", "marathon", "bins", "weather")}
    assert all(any("likelier a round-up of the 4" in ev for ev in e["evidence"]) for e in g["edges"] if e["directed"])
    # A long story whose parts three outlets each took, adding as much text of their own, is not
    # their round-up: the outlets keep too little of their own text outside it.
    story = [*LIBRARY, *more["library"], *MARATHON]
    outlets = {f"outlet{i}": _page([f"Outlet {i} headline", *part, more[k][0]])
               for i, (part, k) in enumerate(((story[0:2], "bins"), (story[2:5], "weather"), (story[5:7], "marathon")))}
    g = trace(from_texts({"story": _page(["City news", *story]), **outlets})).graph
    assert not any("round-up" in ev for e in g["edges"] for ev in e["evidence"])


def _part(src: str, child: str, part: range, rest: float) -> PairEdge:
    # ``child`` accounts for ``part`` of its ten sentences from ``src``; ``rest`` of ``src`` is not in it.
    return PairEdge(src, child, "rewrite", None, 0.5, 0.9, len(part), 1.0 - rest, len(part) / 10, (),
                    aligned_a=frozenset(range(len(part))), aligned_b=frozenset(part))


def test_sources_that_share_text_or_parts_make_no_compilation() -> None:
    a, b = _part("A", "C", range(0, 5), 0.5), _part("B", "C", range(5, 10), 0.5)
    assert set(compilations([a, b]).evidence) == {("A", "C"), ("B", "C")}
    # A and B derive one from the other: C may be a copy of either that kept more of it.
    linked = PairEdge("A", "B", "rewrite", None, 0.5, 0.9, 4, 0.4, 0.4, ())
    assert compilations([a, b, linked]).evidence == {}
    # The two parts are one part of C: two accounts of the same sentences, not two sources.
    assert compilations([a, _part("B", "C", range(1, 6), 0.5)]).evidence == {}
    # C holds much beyond the two parts: it is more than their compilation.
    assert compilations([_part("A", "C", range(0, 3), 0.5), _part("B", "C", range(5, 8), 0.5)]).evidence == {}


def test_a_date_against_the_compilation_wins() -> None:
    from provenance.model import Document

    a, b = _part("A", "C", range(0, 5), 0.5), _part("B", "C", range(5, 10), 0.5)
    dated = dataclasses.replace(a, logodds=-3.5, date_logodds=-3.5)  # C dated before A
    docs = [Document("A", "t", date="2022-01-03"), Document("B", "t"), Document("C", "t", date="2022-01-01")]
    g = build_graph(docs, [dated, b])
    assert ("C", "A") in _directed(g) and ("A", "C") not in _directed(g)
    # C did not join A's part: nothing is left of the compilation, and B's pair alone is even.
    assert not any(t == "C" for _s, t in _directed(g))
    assert not any("compilation" in ev for e in g["edges"] for ev in e["evidence"])
    # Turned off, the two undated pairs say nothing.
    undated = [Document(x, "t") for x in "ABC"]
    assert _directed(build_graph(undated, [a, b])) == {("A", "C"), ("B", "C")}
    off = build_graph(undated, [a, b], GraphConfig(compilation_logodds=0.0))
    assert _directed(off) == set() and not any("compilation" in ev for e in off["edges"] for ev in e["evidence"])


def test_two_compilations_sharing_a_source_are_not_each_others() -> None:
    # C1 and C2 both open with a part of S; C1 goes on with a part of A, C2 with a part of B.
    # Each reads as joining the other's part of S to its own other part: no order between them.
    def pair(a: str, b: str, side_b: range, cover_a: float, side_a: range = range(0, 4)) -> PairEdge:
        return PairEdge(a, b, "rewrite", None, 0.5, 0.9, len(side_b), cover_a, len(side_b) / 10, (),
                        aligned_a=frozenset(side_a), aligned_b=frozenset(side_b))

    pairs = [pair("S", "C1", range(0, 5), 0.4), pair("S", "C2", range(0, 5), 0.4),
             pair("A", "C1", range(5, 10), 0.5), pair("B", "C2", range(5, 10), 0.5),
             pair("C1", "C2", range(0, 5), 0.5, range(0, 5))]
    found = compilations(pairs).evidence
    assert ("C1", "C2") not in found and ("C2", "C1") not in found
    assert {("S", "C1"), ("A", "C1"), ("S", "C2"), ("B", "C2")} <= set(found)


def test_a_text_within_one_part_keeps_its_link_to_the_compilation() -> None:
    # F is three sentences of C's second part and nothing else (its containment says it is C's
    # excerpt): not a copy of C, whose part it is equally in, nor C's source. Its link stays,
    # undirected.
    from provenance.model import Document

    a, b = _part("A", "C", range(0, 5), 0.5), _part("B", "C", range(5, 10), 0.5)
    f = dataclasses.replace(_part("F", "C", range(6, 9), 0.0), relation="excerpt", logodds=-1.5, excerpt_logodds=-1.5)
    docs = [Document(x, "t") for x in "ABCF"]
    g = build_graph(docs, [a, b, f])
    assert _directed(g) == {("A", "C"), ("B", "C")}
    (link,) = [e for e in g["edges"] if "F" in (e["source"], e["target"])]
    assert not link["directed"] and "F lies within a part of C" in link["evidence"][-1]


# A court story as a wire service files it: its own lead, then the evidence heard and the
# defence's case, which two papers each took (a part each) and wrote more around.
TRIAL_LEAD = [
    "Former council treasurer denies fraud",
    "A former council treasurer told a jury on Tuesday that he had never taken money from the town's "
    "pension fund, on the second day of his trial at Crown Court.",
    "Gerald Moss, 58, denies six counts of fraud totalling 240,000 pounds between 2014 and 2019.",
]
TRIAL_EVIDENCE = [
    "The prosecution says the payments were disguised as fees for investment advice that was never given.",
    "An auditor, Helen Price, told the court she first noticed the payments when she reviewed the fund's "
    "accounts in the spring of 2019.",
    "She said invoices from the company carried no names of advisers and no details of the work done.",
    "The court heard that the company had no staff and was registered at a house in the same street as "
    "the defendant's home.",
    "Bank records showed that most of the money was withdrawn in cash within days of each payment.",
    "Ms Price said she had raised her concerns with the council's chief executive within a week.",
]
TRIAL_DEFENCE = [
    "Giving evidence, Mr Moss said the company had been set up to advise small charities, not the fund.",
    "He said the payments were approved by the fund's board, whose minutes he had kept at home.",
    "Those minutes were lost when his garage flooded in 2020, he told the jury.",
    "Asked why he had not mentioned the minutes when he was first interviewed, he said he had been in shock.",
    "His barrister said there was no evidence that any of the money had reached Mr Moss himself.",
    "The trial, expected to last three weeks, continues tomorrow.",
]


def test_a_whole_story_two_papers_each_took_a_part_of_is_no_compilation() -> None:
    # Each paper took one part of the wire story and wrote as much again of its own, so the two
    # share no text and the story is nearly all in them. It opens with a lead of its own, which
    # neither paper holds: it is the whole the two parts came from, not their compilation.
    wire = [*TRIAL_LEAD, *TRIAL_EVIDENCE, *TRIAL_DEFENCE]
    mail = ["Pension fund cash 'paid to firm with no staff'", *TRIAL_EVIDENCE,
            "Residents of the town said they had been shocked by the case. Several pensioners have written to "
            "the council asking whether their payments are safe, and a public meeting is planned for next month.",
            "The council said in a statement that the fund had since been moved to a regional pension scheme "
            "and that every member's benefits were protected."]
    post = ["Treasurer says flood destroyed fund minutes", *TRIAL_DEFENCE,
            "The case is the latest in a series of prosecutions involving local authority pension funds. Two "
            "similar trials last year ended in convictions, and a third collapsed when a witness withdrew.",
            "Campaigners have called for every council fund to be audited by an outside firm once a year."]
    texts = {"wire": _page(wire), "mail": _page(mail), "post": _page(post)}
    g = trace(from_texts(texts)).graph
    assert not any(t == "wire" for _s, t in _directed(g))
    assert not any("compilation" in ev for e in g["edges"] for ev in e["evidence"])


def test_a_source_whose_own_evidence_puts_it_later_is_no_part_of_a_compilation() -> None:
    # A carries no wire header where C does (its pair's own evidence: C came first): A is C's
    # copy, so C joined no part of A, and B's pair gets no compilation evidence either.
    a = dataclasses.replace(_part("A", "C", range(0, 5), 0.5), logodds=-3.0, wire_logodds=-3.0)
    b = _part("B", "C", range(5, 10), 0.5)
    assert compilations([a, b]).evidence == {}
    # Evidence too weak to veto a parent does not undo the join.
    weak = dataclasses.replace(a, logodds=-0.5)
    assert set(compilations([weak, b]).evidence) == {("A", "C"), ("B", "C")}


def test_a_text_within_a_part_dated_after_the_compilation_may_be_its_copy() -> None:
    # F took three sentences of C's second part and is dated after C; B, that part's source,
    # shares no pair with F. F's only possible parent is C: the bar on a compilation's parts
    # must not overrule the dates.
    from provenance.model import Document

    a, b = _part("A", "C", range(0, 5), 0.5), _part("B", "C", range(5, 10), 0.5)
    f = dataclasses.replace(_part("F", "C", range(6, 9), 0.0), logodds=-3.5, date_logodds=-3.5)
    docs = [Document("A", "t", date="2022-01-01"), Document("B", "t", date="2022-01-01"),
            Document("C", "t", date="2022-01-02"), Document("F", "t", date="2022-01-05")]
    g = build_graph(docs, [a, b, f])
    assert _directed(g) == {("A", "C"), ("B", "C"), ("C", "F")}
    (link,) = [e for e in g["edges"] if "F" in (e["source"], e["target"])]
    assert not any("lies within a part" in ev for ev in link["evidence"])
    # With B a pair of F's that the dates allow, the part's own line is F's source, as undated.
    fb = dataclasses.replace(_part("F", "B", range(3, 6), 0.0), logodds=-3.5, date_logodds=-3.5)
    g = build_graph(docs, [a, b, f, fb])
    assert _directed(g) == {("A", "C"), ("B", "C"), ("B", "F")}
