"""Content translated through wagtail-localize stays linked to its French source."""

import pytest
from wagtail.models import Locale

from core.localization import translate
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_home(home_page):
    home_page.introduction = "<p>Bienvenue sur le site.</p>"
    home_page.save_revision().publish()
    return home_page


def test_translate_creates_a_linked_published_translation(
    french_home, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    texts = {"Accueil": "Home", "accueil": "home", "Bienvenue sur le site.": "Welcome to the site."}
    with django_capture_on_commit_callbacks(execute=True):
        missing = translate(french_home, english, texts)
    assert missing == []
    page = HomePage.objects.get(locale=english)
    assert page.translation_key == french_home.translation_key
    assert page.live
    assert page.title == "Home"
    assert "Welcome to the site." in page.introduction


def test_untranslated_strings_are_reported(french_home, django_capture_on_commit_callbacks):
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        missing = translate(french_home, english, {"Accueil": "Home", "accueil": "home"})
    assert missing == ["Bienvenue sur le site."]
