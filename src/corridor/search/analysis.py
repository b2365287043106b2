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


def stems(text: str, language: str) -> str:
    """The folded stems of a text in its language, space-separated, for the stems field."""
    if language not in STEMMERS:
        return fold(" ".join(words(text)))
    return fold(" ".join(_stemmer(language).stemWords(words(text))))


def query_stems(word: str, languages=None) -> set[str]:
    """A query word's folded stems in the given languages (default: every supported one)."""
    lowered = word.lower()
    languages = STEMMERS if languages is None else [lang for lang in languages if lang in STEMMERS]
    return {fold(_stemmer(lang).stemWord(lowered)) for lang in languages} | {fold(lowered)}


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
