"""A short brief (a headline and a few sentences: a news flash, a wire brief) run word for word
by several sites is a copy, though every one of its lines stands at an edge of its page and
recurs across documents as a site's header or footer does. A site's footer under short pages
telling different stories stays furniture."""

from __future__ import annotations

import pytest

from provenance.furniture import FurnitureConfig, mark_document, mark_repeated
from provenance.load import to_document
from provenance.model import Document
from provenance.pipeline import trace
from provenance.relation import DERIVATION
from provenance.segment import segment

TITLE = "Rail fares to rise by 3% in January"
BRIEF = [
    "Regulated rail fares in England will go up by an average of 3% from January, the Department for "
    "Transport has confirmed.",
    "The increase covers season tickets on most commuter routes and some off-peak return fares.",
    "Passenger groups said travellers were being asked to pay more for trains that were often late or crowded.",
    "The rail industry said the extra money would help pay for new carriages and longer platforms.",
    "Fares in Scotland and Wales are set separately by their own governments.",
]
# Each site closes its pages with its own words, which no cue list knows.
FOOTERS = {
    "northgazette": ("The Northern Gazette is owned by its readers' trust.",
                     "Call the newsdesk on 0191 496 0000 with your stories.",
                     "Registered in England as a company limited by guarantee."),
    "valleytimes": ("Valley Times: independent local journalism since 1921.",
                    "Letters to the editor may be shortened for reasons of space.",
                    "Our photographers' pictures can be bought from the front office."),
    "coastpost": ("The Coast Post is printed on recycled paper in Whitby.",
                  "Our offices on Quay Street are open weekdays from nine.",
                  "Notices of births, marriages and deaths must reach us by Tuesday."),
}
# Short stories of each site, two sentences each, told by no other site.
STORIES = {
    "northgazette": [
        ("Library opening hours cut", "The central library will close on Mondays from next month to save money. "
         "Councillors said the mobile library service would visit more villages instead."),
        ("Bridge repairs delayed", "Repairs to the old stone bridge over the river have been put back until the spring. "
         "Engineers found more damage to the arches than a survey had shown."),
        ("School wins science prize", "Pupils from a primary school have won a national prize for a project on pond life. "
         "Their teacher said the class had spent two terms counting newts and dragonflies."),
    ],
    "valleytimes": [
        ("Hospital car park fees scrapped", "Patients will no longer pay to park at the district hospital, the health "
         "board has announced. Staff parking charges are also being dropped from April."),
        ("Farmers warn over dry spell", "Farmers say the driest spring for forty years has left grazing land parched. "
         "Some have started feeding cattle with hay meant for the winter."),
        ("Cinema to reopen after fire", "The town's only cinema is to reopen in June after a fire gutted its foyer. "
         "The owners thanked volunteers who raised money for new seats."),
    ],
    "coastpost": [
        ("Lifeboat crew rescues walkers", "Two walkers cut off by the tide were rescued by the lifeboat crew on Sunday. "
         "The coastguard urged visitors to check tide times before setting out."),
        ("Harbour fish market to expand", "The harbour fish market is to double in size under plans approved by the "
         "council. Traders said the new hall would bring more buyers to the port."),
        ("Seafront hotel sold", "A landmark seafront hotel has been sold to a family firm for an undisclosed sum. "
         "The new owners plan to keep all forty members of staff."),
    ],
}
SITES = list(FOOTERS)


def _brief_page(site: int, sentences: int, footer: str | None = None, flat: bool = False) -> Document:
    name = f"site{site}"
    body = BRIEF[:sentences]
    rec = {"id": name, "url": f"https://www.{name}.example/news/rail-fares", "date": f"2024-11-20T{9 + site:02d}:00:00Z"}
    if flat:
        rec |= {"title": TITLE, "text": " ".join(body) + (f" {footer}" if footer else "")}
    else:
        rec["text"] = "\n\n".join([TITLE, *body, *([footer] if footer else [])])
    return to_document(rec)


def _marks(docs: list[Document]) -> dict[str, dict[str, str | None]]:
    config = FurnitureConfig()
    segs = mark_repeated(docs, [mark_document(d, segment(i, d), config) for i, d in enumerate(docs)], config)
    return {d.id: {s.text: s.furniture for s in ss} for d, ss in zip(docs, segs, strict=True)}


def _derivations(docs: list[Document]) -> list[tuple[str, str, str]]:
    return [(e["source"], e["target"], e["relation"]) for e in trace(docs).graph["edges"]
            if e["relation"] in DERIVATION]


@pytest.mark.parametrize("flat", [False, True], ids=["paragraphs", "one-line"])
@pytest.mark.parametrize("sentences", [3, 5])
@pytest.mark.parametrize("sites", [3, 4, 6])
def test_a_brief_run_word_for_word_by_several_sites_is_a_copy(sites: int, sentences: int, flat: bool) -> None:
    docs = [_brief_page(i, sentences, flat=flat) for i in range(sites)]
    for k, m in _marks(docs).items():
        assert all(why is None for why in m.values()), (k, m)
    links = _derivations(docs)
    assert {r for _, _, r in links} == {"duplicate"}
    # Every copy has one parent; the first to run it has none.
    targets = sorted(t for _, t, _ in links)
    assert targets == [f"site{i}" for i in range(1, sites)]


@pytest.mark.parametrize("flat", [False, True], ids=["paragraphs", "one-line"])
def test_a_brief_with_one_copy_adding_a_line_of_its_own_is_a_copy(flat: bool) -> None:
    docs = [_brief_page(i, 4, flat=flat) for i in range(4)]
    extra = "Additional reporting by our transport correspondent."
    docs[3] = to_document({"id": "site3", "url": "https://www.site3.example/rail", "date": "2024-11-20T15:00:00Z",
                           "text": "\n\n".join([TITLE, *BRIEF[:4], extra])})
    marks = _marks(docs)
    assert all(marks[d.id][BRIEF[0]] is None for d in docs), marks
    assert {t for _, t, _ in _derivations(docs)} == {"site1", "site2", "site3"}


def _site_pages(with_source: bool, flat: bool = False, brief: bool = False, footer_lines: int = 3) -> list[Document]:
    docs = []
    for s, site in enumerate(SITES):
        footer = FOOTERS[site][:footer_lines]
        told = [*STORIES[site]] + ([(TITLE, " ".join(BRIEF[:3]))] if brief else [])
        for k, (title, text) in enumerate(told):
            sentences = text.split(". ")
            body = [x if x.endswith(".") else x + "." for x in sentences]
            rec = {"id": f"{site}-{k}", "url": f"https://www.{site}.example/story/{k}",
                   "date": f"2024-11-{10 + k:02d}T{9 + s:02d}:00:00Z"}
            if not with_source:
                rec["url"] = None
            if flat:
                rec |= {"title": title, "text": " ".join([*body, *footer])}
            else:
                rec["text"] = "\n\n".join([title, *body, *footer])
            docs.append(to_document(rec))
    return docs


@pytest.mark.parametrize("flat", [False, True], ids=["paragraphs", "one-line"])
@pytest.mark.parametrize("with_source", [True, False], ids=["outlets", "no-outlets"])
def test_short_pages_of_one_site_are_not_linked_through_its_footer(with_source: bool, flat: bool) -> None:
    """Short pages of one site, each a headline and two sentences of a story no other page
    tells, above the site's footer: the footer is furniture, and the pages are no copies, with
    line breaks or without (a flattened text, each sentence a line)."""
    _footers_are_furniture_and_nothing_is_linked(_site_pages(with_source, flat))


def _footers_are_furniture_and_nothing_is_linked(docs: list) -> None:
    marks = _marks(docs)
    for d in docs:
        site = d.id.split("-")[0]
        assert all(marks[d.id][x] == "repeated" for x in FOOTERS[site]), (d.id, marks[d.id])
    assert _derivations(docs) == []


@pytest.mark.parametrize("with_source", [True, False], ids=["outlets", "no-outlets"])
def test_a_page_with_nothing_but_the_footer_does_not_make_it_text(with_source: bool) -> None:
    """A page whose story was lost (a video page: nothing but the site's footer and buttons left)
    beside the site's short story pages: it carries the footer alone, the other pages a story
    besides, so the footer is not the text of one story."""
    docs = _site_pages(with_source)
    for site in SITES:
        rec = {"id": f"{site}-video", "date": "2024-11-19T08:00:00Z",
               "text": "\n\n".join(["Advertisement", *FOOTERS[site], "Share this article"]),
               "url": f"https://www.{site}.example/video/1" if with_source else None}
        docs.append(to_document(rec))
    _footers_are_furniture_and_nothing_is_linked(docs)


@pytest.mark.parametrize("with_source", [True, False], ids=["outlets", "no-outlets"])
def test_a_brief_under_each_sites_footer_is_a_copy_and_the_footer_furniture(with_source: bool) -> None:
    """The three sites of the short pages also run one brief word for word, each above its own
    footer: the brief is story text and links the three, the footers stay furniture. Every line
    of a brief page stands at an edge, and is carried by three documents at an edge."""
    docs = _site_pages(with_source, brief=True, footer_lines=2)
    marks = _marks(docs)
    briefs = [d.id for d in docs if d.id.endswith("-3")]
    for d in docs:
        site = d.id.split("-")[0]
        assert all(marks[d.id][x] == "repeated" for x in FOOTERS[site][:2]), (d.id, marks[d.id])
    for k in briefs:
        assert all(marks[k][x] is None for x in [TITLE, *BRIEF[:3]]), (k, marks[k])
    links = _derivations(docs)
    assert {frozenset((a, b)) for a, b, _ in links} == {frozenset((briefs[0], x)) for x in briefs[1:]}


def test_a_brief_as_long_as_the_footers_on_pages_made_of_nothing_else_links_nothing_across_stories() -> None:
    """Every page of three sites given no outlet is a brief that all three run, above the site's
    footer of as many words: which part is the text, nothing tells, so no page is linked to
    another page of its site through the footer."""
    docs = []
    for s, site in enumerate(SITES):
        for k, (title, text) in enumerate(STORIES["northgazette"]):
            body = [x if x.endswith(".") else x + "." for x in text.split(". ")]
            docs.append(to_document({"id": f"{site}-{k}", "date": f"2024-11-{10 + k}T{9 + s:02d}:00:00Z",
                                     "text": "\n\n".join([title, *body, *FOOTERS[site]])}))
    links = _derivations(docs)
    assert [(a, b) for a, b, _ in links if a.split("-")[1] != b.split("-")[1]] == []
