"""Text normalisation and search terms, the same on the index side and the query side.

Arabic is normalised as the WSIS sources need (diacritics, tatweel, alef and hamza forms, ta
marbuta, alef maqsura, Persian ye/kaf from OCR, Word-export residue); every language is then
stemmed with its Snowball stemmer, except Chinese, which is cut into overlapping character pairs
(no stemmer, no spaces between words). Doing this in Python makes SQLite FTS5 and PostgreSQL see
exactly the same terms, so both return the same matches.
"""

import re
import sys
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

STEMMERS = {"en": "english", "es": "spanish", "fr": "french", "ru": "russian"}
# Arabic gets a light stemmer (after Larkey's "light10") instead of Snowball's: Snowball strips
# suffixes only when no prefix was removed, so «مجتمعية» and «المجتمعية» got different stems.
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
LATIN_LANGUAGES = ("en", "fr", "es")

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_FOLD = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",
        "ک": "ك",  # Persian forms from OCR
        "\u00a0": " ",
        "\u2011": "-",
    }
)
# Function words carry no meaning for search and match nearly every document; leaving them out
# of the index and the query keeps both small. Written in normalised form (see `normalise`).
STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in is it its of on or that the their this to
    was were will with which who
    le la les l un une des de du d et en au aux ou pour par sur dans avec que qui est sont ce ces
    cette son sa ses leur leurs se ne pas
    el los las unos unas del y o al para por con su sus es son lo como
    في من علي الي عن مع او ان التي الذي هذا هذه كما ثم ذلك تلك بين كل قد لا ما
    и в во не что на с со как а то все так его но за по от из для при это этот эти о к у
    же""".split()
)
_RESIDUE = re.compile(r"\[(?:bookmark: [^\]]*|footnoteRef:\d+)\]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def normalise(text: str) -> str:
    """Lower-cased, NFKC text with Arabic letter forms folded and Word residue removed."""
    text = unicodedata.normalize("NFKC", _RESIDUE.sub(" ", text or ""))
    if text.isascii():
        return text.casefold()  # nothing to fold but the case (most English text)
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
    # Latin diacritics go too (é → e), so that "Cybersanté" matches "cybersante".
    text = unicodedata.normalize("NFD", text).translate(_combining_marks())
    return unicodedata.normalize("NFC", text).casefold()


@cache
def _combining_marks() -> dict[int, None]:
    """Every character Unicode gives a combining class, to be deleted (built once)."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS[language])


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def words(text: str) -> list[str]:
    """The words of a normalised text; Chinese runs are cut into character pairs."""
    terms: list[str] = []
    for word in _WORD.findall(normalise(text)):
        if word.isascii():
            terms.append(word)
            continue
        position = 0
        for run in _CJK.finditer(word):
            if run.start() > position:
                terms.append(word[position : run.start()])
            terms.extend(_cjk_terms(run.group()))
            position = run.end()
        if position < len(word):
            terms.append(word[position:])
    return terms


def arabic_stem(word: str) -> str:
    """Light stemming of a normalised Arabic word: articles and common suffixes go."""
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    stripped = True
    while stripped:  # loanwords such as «الالكترونية» carry the article twice
        stripped = False
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word, stripped = word[len(prefix) :], True
                break
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=500_000)
def stem(word: str, language: str) -> str:
    # Cached: a text's words repeat (Zipf), and a bulk import stems millions of them.
    if language == "ar":
        return arabic_stem(word)
    if language in STEMMERS and not _CJK.match(word):
        return _stemmer(language).stemWord(word)
    return word


def index_terms(text: str, language: str) -> str:
    """The space-separated terms under which a text in `language` is indexed."""
    return " ".join(
        stem(word, _script_language(word, language))
        for word in words(text)
        if word not in STOP_WORDS
    )


def query_terms(text: str) -> list[set[str]]:
    """For each word of a query, the set of terms any of which may match it.

    The query's language is not known: Arabic and Cyrillic words are stemmed as Arabic and
    Russian; a Latin word may be English, French or Spanish, so it matches any of its stems.
    """
    alternatives: list[set[str]] = []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        language = _script_language(word, None)
        if language is None:
            alternatives.append({stem(word, lang) for lang in LATIN_LANGUAGES} | {word})
        else:
            alternatives.append({stem(word, language)})
    return alternatives


def _script_language(word: str, fallback: str | None) -> str | None:
    """The language a word's script implies (Arabic, Russian, Chinese), else `fallback`."""
    if word.isascii():
        return fallback if fallback in LATIN_LANGUAGES else ("en" if fallback else None)
    if _ARABIC.search(word):
        return "ar"
    if _CYRILLIC.search(word):
        return "ru"
    if _CJK.match(word):
        return "zh"
    return fallback if fallback in LATIN_LANGUAGES else ("en" if fallback else None)
