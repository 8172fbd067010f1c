"""Tokens, normal forms and function words shared by the cross-language modules.

Everything here is language-light on purpose: a regex tokenizer, accent folding, simplemma
lemmas and stems by truncation. The function-word lists are short hand-written lists of the
commonest closed-class words; they serve two ends, dropping words that carry no content before
dictionary projection, and measuring function-word rates for translationese cues.

>>> tokenize("L'Élysée a dit 3,5 %.")
["L'", 'Élysée', 'a', 'dit', '3,5', '%', '.']
>>> fold("Élysée")
'elysee'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import simplemma

# Words keep inner apostrophes only as elision prefixes (l', d', qu'), which French and Italian
# attach to the next word; numbers keep their decimal separators so "3,5" stays one token.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*|[^\W\d_]+['’]|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]",
    re.UNICODE,
)

# Combining marks left by NFKD decomposition (accents, cedillas, umlauts).
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# ISO 639-1 → ISO 639-3, as FreeDict names its files.
ISO3 = {
    "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld",
    "pl": "pol", "tr": "tur", "ru": "rus", "ar": "ara", "id": "ind", "cs": "ces", "sv": "swe",
    "da": "dan", "fi": "fin", "el": "ell", "hu": "hun", "ro": "ron", "uk": "ukr",
}

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the and or but if then than that this these those there here of in on at to for "
        "from by with without about into over under after before between through during as is "
        "are was were be been being am has have had do does did not no nor so such it its it's "
        "he she they we you i me him her them us my your his our their who whom whose which what "
        "when where why how all any each both some more most other can could may might must "
        "shall should will would also just very only too up down out off again s".split()
    ),
    "fr": frozenset(
        "le la les l' un une des du de d' et ou mais si que qu' qui quoi dont où ce cet cette ces "
        "c' ça cela ceci il elle ils elles on nous vous je j' me m' te t' se s' lui leur leurs "
        "son sa ses mon ma mes ton ta tes notre nos votre vos y en à au aux dans sur sous par "
        "pour avec sans entre vers chez avant après pendant depuis ne n' pas plus moins très "
        "aussi bien tout tous toute toutes est sont été être a ont avait avoir était étaient "
        "fait faire peut comme lorsque quand car donc ainsi selon".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einer eines einem einen und oder aber wenn dann als "
        "dass daß ob wie wo was wer wessen welche welcher welches dieser diese dieses diesem "
        "diesen er sie es wir ihr ich du man sich ihm ihn ihnen sein seine seiner seinem seinen "
        "ihre ihrer ihrem ihren mein meine unser unsere in im an am auf aus bei mit nach von vom "
        "zu zum zur für über unter vor hinter zwischen durch gegen ohne um bis seit während "
        "nicht kein keine keinen auch noch schon nur sehr so ist sind war waren sein gewesen hat "
        "haben hatte hatten wird werden wurde wurden kann können muss soll sollen will würde "
        "alle alles mehr denn doch ja nein hier dort da".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas de del al y e o u pero si que quien cual cuyo donde "
        "cuando como este esta estos estas ese esa eso esto lo le les se me te nos os su sus mi "
        "mis tu tus en a con sin por para entre sobre bajo hacia desde hasta durante no más muy "
        "también ya es son fue fueron ser ha han había estar está están".split()
    ),
    "it": frozenset(
        "il lo la i gli le un uno una di del della dei delle degli da dal dalla in nel nella a "
        "al alla con su sul per tra fra e o ma se che chi cui dove quando come questo questa "
        "quello quella non più molto anche è sono era stato essere ha hanno si ci ne l' d' "
        "un' all' dell' nell'".split()
    ),
    "pt": frozenset(
        "o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às por pelo pela "
        "para com sem entre sobre e ou mas se que quem qual onde quando como este esta isto esse "
        "essa isso não mais muito também já é são foi foram ser ter tem estar está".split()
    ),
    "nl": frozenset(
        "de het een en of maar als dan dat die dit deze daar hier wie wat waar wanneer hoe ik je "
        "jij hij zij ze wij we u hun haar zijn mijn ons onze in op aan bij met naar van voor "
        "door over onder uit tot om niet geen ook nog al wel er is was waren werd worden heeft "
        "hebben had kan zal zou moet".split()
    ),
    "id": frozenset(
        "yang dan di ke dari untuk dengan pada dalam ini itu adalah akan tidak juga atau oleh "
        "sebagai telah sudah bahwa karena ia dia mereka kami kita saya anda para bagi hingga "
        "seperti lebih antara namun tersebut ada bisa dapat harus".split()
    ),
}


def tokenize(text: str) -> list[str]:
    """Split text into word, number and punctuation tokens.

    >>> tokenize("Don't stop")
    ["Don'", 't', 'stop']
    """
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    """True for tokens made of letters (possibly with an elision apostrophe or hyphens).

    >>> is_word("maison"), is_word("3,5"), is_word(",")
    (True, False, False)
    """
    return token[:1].isalpha()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase and strip accents, so that "Élysée" and "elysee" compare equal.

    >>> fold("Größe")
    'grosse'
    """
    low = text.casefold()
    if low.isascii():
        return low
    return _COMBINING.sub("", unicodedata.normalize("NFKD", low))


@lru_cache(maxsize=400_000)
def lemma(word: str, lang: str) -> str:
    """The simplemma lemma of a word, lowercased; the word itself for unknown languages.

    >>> lemma("maisons", "fr")
    'maison'
    """
    low = word.casefold().rstrip("'’")
    try:
        return simplemma.lemmatize(low, lang=lang).casefold()
    except ValueError:  # a language simplemma has no data for
        return low


def stem(word: str, *, length: int = 6) -> str:
    """A crude stem: the accent-folded word cut to ``length`` characters.

    Truncation merges derivations ("government", "governor") that a translation often swaps.

    >>> stem("Governments")
    'govern'
    """
    return fold(word)[:length]


def is_function_word(word: str, lang: str) -> bool:
    """True when ``word`` is on the short function-word list of ``lang``.

    >>> is_function_word("The", "en"), is_function_word("house", "en")
    (True, False)
    """
    words = FUNCTION_WORDS.get(lang)
    return words is not None and word.casefold().replace("’", "'") in words


def char_ngrams(text: str, n: int = 4) -> dict[str, int]:
    """Counts of character n-grams of the folded text, spaces squeezed, padded with spaces.

    >>> sorted(char_ngrams("Abc", 2).items())
    [(' a', 1), ('ab', 1), ('bc', 1), ('c ', 1)]
    """
    norm = _squeezed(text)
    return dict(Counter(norm[i : i + n] for i in range(len(norm) - n + 1)))


def char_ngram_set(text: str, n: int = 4) -> frozenset[str]:
    """The distinct character n-grams of :func:`char_ngrams`.

    >>> sorted(char_ngram_set("Abc", 3))
    [' ab', 'abc', 'bc ']
    """
    norm = _squeezed(text)
    return frozenset({norm[i : i + n] for i in range(len(norm) - n + 1)})


def _squeezed(text: str) -> str:
    return " " + " ".join(_WORD.findall(fold(text))) + " "


_WORD = re.compile(r"\w+")
