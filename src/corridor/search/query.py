"""Reading what a person typed into a search box. Never fails: whatever cannot be read as
a word, a "quoted phrase" or a -negated word is ignored."""

import re
from dataclasses import dataclass, field

from corridor.search.analysis import WORD

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    truncated: bool = False

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases)


def parse_query(text: str) -> ParsedQuery:
    text = (text or "").replace("\x00", " ")
    parsed = ParsedQuery(truncated=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS]
    if text.count('"') % 2:  # an unbalanced quote quotes nothing
        text = text.replace('"', " ")
    for negated_phrase, phrase, negated, token in _TOKEN.findall(text):
        if phrase:
            phrase_words = WORD.findall(phrase.lower())
            if len(phrase_words) > 1 and not negated_phrase:
                parsed.phrases.append(phrase_words)
            elif phrase_words and not negated_phrase:
                parsed.terms.extend(phrase_words)
            continue
        token_words = WORD.findall(token.lower())
        if negated and len(token_words) == 1:
            parsed.excluded.append(token_words[0])
        else:
            parsed.terms.extend(token_words)
    total = len(parsed.terms) + sum(len(p) for p in parsed.phrases)
    if total > MAX_TERMS:
        parsed.truncated = True
        parsed.terms = parsed.terms[:MAX_TERMS]
        parsed.phrases = parsed.phrases[: max(0, MAX_TERMS - len(parsed.terms)) // 2]
    return parsed
