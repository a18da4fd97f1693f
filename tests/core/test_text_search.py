"""The Python twins of PostgreSQL's text search, checked against figures PostgreSQL 15 gave."""

import pytest

from core.text_search import fold, similar_words, stems, word_similarity


def test_fold_strips_accents_and_case():
    assert fold("Économie À Hénin-Beaumont") == "economie a henin-beaumont"


def test_stems_are_those_of_the_text_search_configurations():
    # to_tsvector('french', …) and to_tsvector('english', …) on PostgreSQL 15.
    text = "Les Jardins d'insertion de l'Artois economie associations"
    assert stems(text, "fr") == ["le", "jardin", "insert", "artois", "econom", "associ"]
    assert stems("communities gardens", "en") == ["communiti", "garden"]
    assert stems("de la", "fr") == []  # stop words only


@pytest.mark.parametrize(
    ("query", "text", "similarity"),
    [  # SELECT word_similarity(query, text) on PostgreSQL 15 (pg_trgm)
        ("word", "two words", 0.8),
        ("mutulle", "identites mutuelle", 0.54545456),
        ("assocation", "association les amis", 0.64285713),
        ("identites mutulle", "identites mutuelle", 0.7777778),
    ],
)
def test_word_similarity_is_pg_trgms(query, text, similarity):
    assert word_similarity(query, text) == pytest.approx(similarity, abs=1e-6)


def test_similar_words_keeps_texts_reaching_the_threshold():
    names = {1: "identites mutuelle", 2: "les jardins d insertion", 3: ""}
    assert similar_words("mutulle", names) == [1]
    assert similar_words("", names) == []
