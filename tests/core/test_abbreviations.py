"""Abbreviations explained once per page: the first occurrence in the main content only."""

from core.abbreviations import explain_first


def test_the_first_occurrence_only_is_explained():
    html = explain_first("<p>L'ESS du territoire. L'ESS encore.</p><p>ESS</p>")
    assert html.count("<abbr") == 1
    assert html.startswith('<p>L\'<abbr title="économie sociale et solidaire">ESS</abbr> du')


def test_longer_abbreviations_and_words_are_not_mistaken():
    html = explain_first("<p>La CAHC, CASSE, ESS-X, la CA Hénin-Carvin</p>")
    assert ">CAHC</abbr>" in html and ">CA</abbr> Hénin" in html
    assert "CASSE" in html and "ESS-X" in html and ">ESS</abbr>" not in html


def test_attributes_drawings_and_options_are_left_alone():
    html = explain_first(
        '<a href="/ESS/" title="ESS">lien</a><svg><text>ESS</text></svg>'
        "<select><option>EPCI</option></select><p>un EPCI et l'ESS</p>"
    )
    assert '<a href="/ESS/" title="ESS">' in html and "<text>ESS</text>" in html
    assert "<option>EPCI</option>" in html
    assert "<p>un <abbr" in html and "l'<abbr" in html


def test_an_abbreviation_the_editor_explained_is_left_as_it_is():
    html = '<p><abbr title="Pôle">PTCE</abbr>, PTCE</p>'
    assert explain_first(html) == html


def test_skipped_elements_are_found_in_any_case_and_a_self_closing_one_skips_nothing():
    html = explain_first('<SVG viewBox="0 0 1 1"><text>ESS</text></SVG><svg/><p>ESS</p>')
    assert "<text>ESS</text>" in html
    assert '<svg/><p><abbr title="économie sociale et solidaire">ESS</abbr></p>' in html


def test_a_fragment_without_abbreviations_is_left_as_it_is():
    html = "<p>Les acteurs du territoire</p><select><option>CASSE</option></select> a < b"
    assert explain_first(html) == html
