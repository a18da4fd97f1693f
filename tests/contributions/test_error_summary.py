"""The form sent back with errors, without JavaScript: the page says so in its title, the error
summary comes first in the content, a skip link leads to it, and each entry leads to its field."""

import pytest
from bs4 import BeautifulSoup

from .conftest import submission

pytestmark = pytest.mark.django_db

PROPOSE_FR = "/fr/contribuer/proposer/"
PROPOSE_EN = "/en/contribute/suggest/"


def with_errors(client, path, title=""):
    data = submission(title=title, commune="00000", sectors=["999999"], consent=None)
    response = client.post(path, data)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("path", "prefix", "skip_text"),
    [(PROPOSE_FR, "Erreur : ", "Aller aux erreurs"), (PROPOSE_EN, "Error: ", "Go to the errors")],
)
def test_the_title_and_a_skip_link_announce_the_errors(client, directory, path, prefix, skip_text):
    html = with_errors(client, path)
    assert html.title.string.startswith(prefix)
    summary = html.select_one(".form-errors")
    assert summary["id"] and summary["tabindex"] == "-1"
    skip = html.select_one(f"a.skip-link[href='#{summary['id']}']")
    assert skip is not None and skip_text in skip.get_text()
    # The first skip link: a keyboard user's first Tab reaches the errors.
    assert html.select("a.skip-link")[0] is skip


def test_the_summary_is_first_in_the_content(client, directory):
    html = with_errors(client, PROPOSE_FR)
    main = html.select_one("main")
    first = main.find(True)  # the first element in the page's content
    assert "form-errors" in first.get("class", [])


def test_each_error_leads_to_its_field(client, directory, sector):
    html = with_errors(client, PROPOSE_FR)
    links = html.select(".form-errors a")
    targets = {}
    for link in links:
        assert link["href"].startswith("#") and len(link["href"]) > 1, link
        target = html.find(id=link["href"][1:])
        assert target is not None and target.name in ("input", "select", "textarea"), link
        targets[target["name"]] = link.get_text()
    assert set(targets) == {"title", "commune", "sectors", "consent"}
    assert targets["title"].startswith("Nom de l’organisation")


def test_the_heading_counts_every_error(client, directory):
    # Two errors for one field: too long, and an invisible character.
    html = with_errors(client, PROPOSE_FR, title="\x01" + "x" * 300)
    entries = html.select(".form-errors li")
    assert len(entries) == 5
    assert html.select_one(".form-errors h2").get_text() == (
        f"Le formulaire contient {len(entries)} erreurs"
    )


def test_a_form_without_errors_announces_none(client, directory):
    html = BeautifulSoup(client.get(PROPOSE_FR).content, "html.parser")
    assert not html.title.string.startswith("Erreur")
    assert html.select_one(".form-errors") is None
    assert [link["href"] for link in html.select("a.skip-link")] == ["#contenu"]
