"""Highlighting and excerpts of search results."""

from search.highlight import excerpt, highlight, query_terms


def test_terms_are_folded_deduplicated_and_longest_first():
    assert query_terms("Économie  economie l' ESS") == ["economie", "ess"]


def test_matches_ignore_accents_and_case_and_keep_the_original_text():
    html = highlight("L'Économie sociale", query_terms("economie"))
    assert html == "L&#x27;<mark>Économie</mark> sociale"


def test_terms_match_at_word_starts_only():
    assert highlight("emplois, réemploi", query_terms("emploi")) == (
        "<mark>emploi</mark>s, réemploi"
    )


def test_text_around_matches_is_escaped():
    html = highlight("<script>alert(1)</script> ESS & co", query_terms("ess script"))
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html and "<mark>ESS</mark> &amp; co" in html


def test_excerpt_is_centred_on_the_first_match_and_cut_at_words():
    text = ("mot " * 200) + "financement des projets " + ("suite " * 200)
    window, matched = excerpt(text, query_terms("financement"))
    assert matched
    assert window.startswith("… mot") and window.endswith("suite …")
    assert "financement" in window and len(window) <= 245


def test_excerpt_without_a_match_starts_at_the_beginning():
    window, matched = excerpt("Un texte court.", query_terms("absent"))
    assert (window, matched) == ("Un texte court.", False)
