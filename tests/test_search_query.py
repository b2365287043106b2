from hypothesis import given
from hypothesis import strategies as st

from corridor.search.analysis import fold, query_stems, stems
from corridor.search.query import MAX_TERMS, parse_query


def test_words_phrases_and_exclusions():
    parsed = parse_query('cluster "smart specialisation" -tourism')
    assert parsed.terms == ["cluster"]
    assert parsed.phrases == [["smart", "specialisation"]]
    assert parsed.excluded == ["tourism"]


def test_an_unbalanced_quote_quotes_nothing():
    parsed = parse_query('"smart specialisation')
    assert parsed.terms == ["smart", "specialisation"]
    assert parsed.phrases == []


def test_operators_and_punctuation_are_not_words():
    parsed = parse_query("((a OR b) AND c:d) || ; DROP TABLE --")
    assert parsed.terms == ["a", "or", "b", "and", "c", "d", "drop", "table"]


def test_a_long_query_is_cut_and_says_so():
    parsed = parse_query("word " * 500)
    assert parsed.truncated
    assert len(parsed.terms) == MAX_TERMS


@given(st.text(max_size=300))
def test_any_text_parses_to_words(text):
    parsed = parse_query(text)
    for word in parsed.terms + parsed.excluded + [w for p in parsed.phrases for w in p]:
        assert word and all(c.isalnum() or c == "_" for c in word)


def test_diacritics_fold():
    assert fold("Klaipėda") == "klaipeda"
    assert fold("Rzeszów") == "rzeszow"
    assert fold("Łódź") == "lodz"
    assert fold("Österreich") == "osterreich"


def test_polish_and_lithuanian_stem():
    assert stems("przedsiębiorstwa", "pl") == stems("przedsiębiorstwo", "pl")
    assert stems("savivaldybės", "lt") == stems("savivaldybė", "lt")
    assert stems("przedsiębiorstwa", "pl") in query_stems("przedsiębiorstwo")
