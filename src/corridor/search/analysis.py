"""Text analysis shared by indexing and querying: words, diacritic folding, stemming.

Stemming runs here (PyStemmer) rather than in the engine, because the engine lacks Polish
and Lithuanian stemmers. A document is stemmed in its own language; a query term is
stemmed in every supported language, since a query's language cannot be told from two words.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

# ISO 639-1 code: Snowball algorithm.
STEMMERS = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian",
    "fi": "finnish", "et": "estonian", "hu": "hungarian", "ro": "romanian", "pl": "polish",
    "lt": "lithuanian", "el": "greek", "cs": "czech",
}  # fmt: skip

WORD = re.compile(r"\w+", re.UNICODE)
# Characters that NFKD does not split into a base letter and a mark.
_SPECIAL_FOLDS = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d",
}  # fmt: skip


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: folding then runs at
    C speed, which matters when a million documents are indexed."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _SPECIAL_FOLDS.get(char)
        if folded is None:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without diacritics: 'Klaipėda' -> 'klaipeda', 'Rzeszów' -> 'rzeszow'."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE).casefold()


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=32)
def _stemmer(language: str):
    return Stemmer.Stemmer(STEMMERS[language])


# British spelling: the English stemmer takes -ization off, not -isation, so that
# "internationalisation" would never find "internationalization".
_BRITISH = re.compile(r"isation(s?)$")


def _stem_words(language: str, word_list: list[str]) -> list[str]:
    if language == "en":
        word_list = [_BRITISH.sub(r"ization\1", w) for w in word_list]
    return _stemmer(language).stemWords(word_list)


def stems(text: str, language: str) -> str:
    """The folded stems of a text in its language, space-separated, for the stems field."""
    if language not in STEMMERS:
        return fold(" ".join(words(text)))
    return fold(" ".join(_stem_words(language, words(text))))


TOPIC_MIN_COUNT = 3  # times a stem is repeated before the text counts as about it
TOPIC_MIN_LENGTH = 4  # shorter stems are mostly function words
MAX_TOPICS = 16
MAIN_TOPICS = 3  # the most repeated of them: what the text is above all about
MAIN = "^"  # marks a main topic's stem ("^cluster"); no word of a query holds it


def topics(stemmed: str) -> str:
    """The stems a stemmed text repeats most (at least TOPIC_MIN_COUNT times): what the
    whole text is about, as opposed to what it mentions once. The first MAIN_TOPICS of
    them come once more, marked as main topics."""
    counts: dict[str, int] = {}
    for stem in stemmed.split():
        if len(stem) >= TOPIC_MIN_LENGTH and not stem.isdigit():
            counts[stem] = counts.get(stem, 0) + 1
    repeated = [s for s, n in counts.items() if n >= TOPIC_MIN_COUNT]
    repeated.sort(key=lambda s: -counts[s])
    repeated = repeated[:MAX_TOPICS]
    return " ".join(repeated + [MAIN + s for s in repeated[:MAIN_TOPICS]])


def query_stems(word: str, languages=None) -> set[str]:
    """A query word's folded stems in the given languages (default: every supported one)."""
    lowered = word.lower()
    languages = STEMMERS if languages is None else [lang for lang in languages if lang in STEMMERS]
    return {fold(_stem_words(lang, [lowered])[0]) for lang in languages} | {fold(lowered)}


@lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or '' when too short to tell."""
    if len(WORD.findall(text)) < 4:
        return ""
    language, _ = _identifier().classify(text)
    return language
