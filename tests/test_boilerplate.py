"""A paragraph of several sentences printed under different stories (an investment disclaimer, an
author bio) is boilerplate, however many documents carry it; the paragraphs copies of one story
share are text."""

from __future__ import annotations

from provenance.furniture import mark_document, mark_repeated
from provenance.load import from_texts
from provenance.model import Document
from provenance.pipeline import compare, trace
from provenance.relation import DERIVATION
from provenance.segment import segment

STORIES = {
    "grocer": [
        "Shares in the supermarket chain Grocera fell by 8% on Tuesday after it warned that annual profits "
        "would be lower than expected.",
        "The company blamed rising energy bills and a price war with discount rivals, which it said had "
        "squeezed margins in the run-up to Christmas.",
        "Chief executive Mark Ellison said the group would close twelve of its larger stores and invest "
        "the savings in lower prices. He added that online orders had grown by a fifth during the year.",
        "Analysts at Peel Hunt cut their target price for the shares and said the warning raised questions "
        "about the dividend.",
        "Grocera employs about 90,000 people and has more than 600 stores across the country.",
        "Its rivals have also struggled to pass higher costs on to shoppers, who have cut back on spending "
        "as mortgage rates have risen.",
        "The shares have lost almost half of their value over the past two years.",
    ],
    "airline": [
        "Budget carrier SkyJet has ordered 40 new aircraft from Airbus in a deal worth about $4bn at list "
        "prices.",
        "The airline said the planes, which burn a fifth less fuel than its current fleet, would be "
        "delivered between 2026 and 2029.",
        "Passenger numbers rose to a record 52 million last year as holidaymakers returned to southern "
        "Europe. The carrier expects to open fifteen new routes from regional airports this summer.",
        "Unions welcomed the order but warned that pilots were still being asked to fly too many hours.",
        "SkyJet's chief executive, Laura Mendes, said the airline would also hire 1,500 cabin crew.",
        "The order is a boost for Airbus, which has been struggling to deliver aircraft on time because of "
        "shortages of engines and seats.",
        "SkyJet shares were little changed in Dublin.",
    ],
    "mining": [
        "The mining giant Ferrox has agreed to pay $1.2bn to settle claims over a dam collapse in Brazil "
        "that killed nineteen people.",
        "The settlement covers compensation for families and the cost of cleaning up the river, which was "
        "polluted for hundreds of kilometres.",
        "Ferrox said it had strengthened safety checks at all of its tailings dams since the disaster. "
        "Campaigners said the payment came far too late for the villages that were destroyed.",
        "The company's shares rose 3% in Sydney as investors welcomed the end of years of litigation.",
        "Prosecutors in Brazil are still pursuing criminal charges against five former managers.",
        "The disaster prompted several countries to tighten rules on how mining waste is stored.",
        "Ferrox will report its half-year results next month.",
    ],
    "chips": [
        "The chipmaker Siltronics is to build a new factory in Ohio, creating about 3,000 jobs, after "
        "securing federal subsidies.",
        "The plant will produce advanced processors for data centres and is due to open at the end of "
        "2027.",
        "Company officials said a shortage of skilled engineers remained the biggest risk to the project. "
        "It plans to train apprentices with local colleges.",
        "Rival manufacturers in Taiwan and South Korea have also announced investments in the United States.",
        "The governor of Ohio said the factory was the largest private investment in the state's history.",
        "Construction is expected to employ another 7,000 workers over the next three years.",
        "Critics of the subsidies say the money would be better spent on research.",
    ],
}
DISCLAIMER = (
    "This article is for information only and does not constitute financial advice. The value of "
    "investments can go down as well as up, and you may get back less than you invested. Past "
    "performance is not a reliable indicator of future results. You should seek independent advice "
    "from a regulated financial adviser before making any investment decision."
)
BIO = (
    "Jane Thompson is our personal finance editor. She has written about money, pensions and property "
    "for more than fifteen years and previously worked at the Financial Times and the Daily Telegraph."
)


def _page(paras: list[str], *tail: str) -> str:
    return "\n\n".join([*paras, *tail]) + "\n"


def _marks(texts: dict[str, str]) -> dict[str, dict[str, str | None]]:
    docs = from_texts(texts)
    segs = mark_repeated(docs, [mark_document(d, segment(i, d)) for i, d in enumerate(docs)])
    return {d.id: {s.text: s.furniture for s in ss} for d, ss in zip(docs, segs, strict=True)}


def _derivations(docs: list[Document]) -> list[tuple[str, str, str]]:
    graph = trace(docs).graph
    return [(e["source"], e["target"], e["relation"]) for e in graph["edges"] if e["relation"] in DERIVATION]


def test_a_disclaimer_under_different_stories_is_repeated_furniture() -> None:
    texts = {k: _page(v, DISCLAIMER) for k, v in STORIES.items()}
    for k, m in _marks(texts).items():
        disclaimer = {t: why for t, why in m.items() if t in DISCLAIMER}
        assert len(disclaimer) == 4 and set(disclaimer.values()) == {"repeated"}, (k, disclaimer)
        assert all(why is None for t, why in m.items() if t not in DISCLAIMER), k  # the story stays text
    res = trace(from_texts(texts))
    assert [e for e in res.graph["edges"] if e["relation"] in DERIVATION] == []
    assert {p.relation for p in res.pairs} == {"shared_boilerplate"}


def test_two_stories_sharing_only_a_disclaimer_and_a_bio_are_no_copies() -> None:
    """Two pages are too few for the furniture pass (three stories, or two pages of one outlet);
    the pair itself shows that its shared text is a margin that tells neither story."""
    a, b = from_texts({"a": _page(STORIES["grocer"], DISCLAIMER, BIO), "b": _page(STORIES["airline"], DISCLAIMER, BIO)})
    pair = compare(a, b)
    assert pair.relation == "shared_boilerplate"
    assert not pair.alignment.content and len(pair.alignment.furniture) == 6
    # The same three pages with the bio under two of them only: no derivation either.
    docs = from_texts({"a": _page(STORIES["grocer"], DISCLAIMER, BIO), "b": _page(STORIES["airline"], DISCLAIMER, BIO),
                       "c": _page(STORIES["mining"], DISCLAIMER)})
    assert _derivations(docs) == []


# One story told three times in other words, each copy keeping the story's closing paragraph
# word for word (as rewrites of one dispatch do), on pages long enough for a closing paragraph
# to be a footer.
CLOSING = (
    "The regulator will publish its final decision on the merger in March. Both companies have said "
    "they are prepared to sell stores in areas where they overlap to win approval."
)
RETELLINGS = [
    [
        "The competition regulator has raised serious concerns about the planned merger of the "
        "supermarket chains Grocera and FreshWay.",
        "It said the deal could lead to higher prices for shoppers in more than 200 towns where the two "
        "chains are the main grocers.",
        "Grocera argued that the combined group would be able to cut prices by buying in bulk.",
        "The merger, announced last spring, would create a business with sales of about £30bn a year.",
        "Farmers' groups have also objected, saying suppliers would be squeezed by a single dominant buyer.",
        "FreshWay said it was disappointed by the regulator's findings.",
    ],
    [
        "Plans to merge Grocera and FreshWay have hit trouble after the competition regulator voiced "
        "serious concerns about the supermarket deal.",
        "Shoppers in over 200 towns, where the two grocers dominate, could face higher prices, the "
        "regulator warned.",
        "Grocera says buying in bulk would let the merged chains lower prices for customers.",
        "Announced last spring, the deal would form a group selling about £30bn of goods a year.",
        "Suppliers would be squeezed by one dominant buyer, farmers' groups have objected.",
        "FreshWay described the regulator's findings as disappointing.",
    ],
    [
        "The supermarket merger between FreshWay and Grocera faces serious concerns from the "
        "competition regulator.",
        "According to the regulator, prices could rise for shoppers in more than 200 towns where the "
        "chains are the main grocers.",
        "The combined chains could cut prices by buying in bulk, Grocera argued in response.",
        "With yearly sales of about £30bn, the business would be formed by a merger announced last spring.",
        "Farmers' groups objected too: a single dominant buyer would squeeze suppliers, they said.",
        "The regulator's findings disappointed FreshWay, it said.",
    ],
]


def test_copies_sharing_their_closing_paragraph_keep_it_as_text() -> None:
    texts = {f"copy{i}": _page(paras, CLOSING, f"Published by newsroom number {i}.")
             for i, paras in enumerate(RETELLINGS)}
    for k, m in _marks(texts).items():
        assert all(why is None for t, why in m.items() if t in CLOSING), (k, m)
    assert {rel for _, _, rel in _derivations(from_texts(texts))} == {"rewrite"}
    # A dispatch republished whole by several sites: its closing paragraph stays text too.
    dispatch = _page(RETELLINGS[0], CLOSING)
    sites = {f"site{i}": f"Home > Business > Retail {i}\n\n{dispatch}\nPrinted from site number {i}.\n" for i in range(5)}
    for k, m in _marks(sites).items():
        assert all(why is None for t, why in m.items() if t in dispatch), (k, m)


def test_a_copy_sharing_only_the_closing_paragraph_of_the_same_story_is_a_copy() -> None:
    """Two tellings of one story whose only aligned text is the closing paragraph: the rest of
    the two pages tells one story, so the paragraph is the story's, not a footer."""
    x = ["Grocera and FreshWay want to combine into the country's largest grocer, a deal the competition "
         "regulator says could raise prices in more than 200 towns.",
         "Shoppers there rely on the two chains for most of their weekly grocery spending, the regulator said.",
         "Grocera insists that the merger would let the combined supermarkets lower prices.",
         "Farmers fear that suppliers would lose out to one dominant buyer.",
         "The merger was first announced last spring."]
    y = ["Competition officials fear that a merger of FreshWay and Grocera, two supermarket chains, would "
         "push up grocery prices.",
         "The regulator pointed to more than 200 towns where shoppers have few other places to buy food.",
         "Bulk buying would allow lower prices, Grocera replied.",
         "Suppliers and farmers have objected to the deal, announced in the spring.",
         "FreshWay declined to comment."]
    a, b = from_texts({"a": _page(x, CLOSING), "b": _page(y, CLOSING)})
    pair = compare(a, b)
    assert pair.relation in DERIVATION and len(pair.alignment.content) >= 2


def test_a_compilation_ending_with_another_storys_lede_is_a_copy_of_it() -> None:
    """A page that closes on the first paragraphs of another story took that story's text: the
    paragraphs opened the story they come from, so they are no footer."""
    grocer, airline = STORIES["grocer"], STORIES["airline"]
    source = _page(airline)
    compiled = _page([*grocer[:5], *airline[:2]])
    a, b = from_texts({"source": source, "compiled": compiled})
    pair = compare(a, b)
    assert pair.relation in DERIVATION, pair.relation


def test_an_opening_paragraph_kept_by_copies_and_a_compilation_stays_text() -> None:
    """Copies keep a story's opening paragraph word for word and reword the rest; a compilation
    takes it along with another story's paragraphs. The pages carrying it do not all look like
    one story (the compilation does not), so only its place tells it from a header: a paragraph
    above the story is never repeated furniture."""
    opening = ("The competition regulator has raised serious concerns about the planned merger of the "
               "supermarket chains Grocera and FreshWay. It said the deal could lead to higher prices for "
               "shoppers in more than 200 towns.")
    texts = {f"copy{i}": _page([opening, *paras[2:]], f"Published by newsroom number {i}.")
             for i, paras in enumerate(RETELLINGS)}
    texts["compiled"] = _page([opening, *STORIES["mining"][:5]])
    for k, m in _marks(texts).items():
        assert all(why is None for t, why in m.items() if t in opening), (k, m)
