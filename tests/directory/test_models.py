"""Actor profiles: identifiers are checked, images need their alternative text, the tree holds."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase

from directory.models import ActorPage, Commune, DirectoryIndexPage
from directory.validators import siren_is_valid, siret_is_valid, validate_rna, validate_siret
from home.models import HomePage

from .conftest import luhn_siret

pytestmark = pytest.mark.django_db


def test_the_fourteen_member_communes_are_seeded_with_insee_codes_and_postcodes():
    assert Commune.objects.count() == 14
    henin = Commune.objects.get(insee_code="62427")
    assert (henin.name, henin.postcode) == ("Hénin-Beaumont", "62110")


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        (luhn_siret("1234567890123"), True),
        ("12345678901230", luhn_siret("1234567890123") == "12345678901230"),
        ("35600000000015", True),  # La Poste: digit sum multiple of 5, Luhn invalid
        ("35600000000016", False),
        ("1234567890123", False),
        ("1234567890123A", False),
    ],
)
def test_siret_checksum(siret, valid):
    assert siret_is_valid(siret) is valid


def test_la_poste_siret_is_not_luhn_valid_but_accepted():
    from directory.validators import luhn_valid

    assert not luhn_valid("35600000000015")
    validate_siret("35600000000015")


def test_siret_messages_speak_the_editors_admin_language():
    """The admin activates the editor's language ("Mon compte") while it validates a page."""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_siret("123 456")
    assert error.value.messages == [
        "A SIRET has exactly 14 digits, without spaces (value entered: “123 456”)."
    ]


def test_wrong_siret_message_is_french_and_quotes_the_value():
    good = luhn_siret("1234567890123")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_siret(wrong)
    message = error.value.messages[0]
    assert "clé de contrôle" in message and wrong in message
    with pytest.raises(ValidationError, match="14 chiffres"):
        validate_siret("123 456")


def test_rna_format():
    validate_rna("W623000123")
    with pytest.raises(ValidationError, match="W suivi de 9 chiffres"):
        validate_rna("623000123")


def test_an_image_without_alternative_text_is_refused(make_actor):
    actor = make_actor("Acteur illustré")
    actor.image = Image.objects.create(title="logo", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "texte alternatif" in error.value.message_dict["image_alt"][0]
    actor.image_alt = "Logo de l'acteur"
    actor.full_clean()


def test_siret_is_unique_when_present_but_may_be_left_empty(make_actor):
    siret = luhn_siret("9999999990001")
    make_actor("Premier", siret=siret)
    make_actor("Sans SIRET")
    second = make_actor("Deuxième")
    second.siret = siret
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Premier" in error.value.message_dict["siret"][0]
    second.siret = ""
    second.full_clean()


def test_family_is_optional_and_limited_to_the_2014_law(make_actor):
    actor = make_actor("Famille inconnue")
    actor.full_clean()
    actor.family = "entreprise"
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "family" in error.value.message_dict


class TestTree(WagtailPageTestCase):
    def test_actors_live_only_in_the_directory(self):
        self.assertAllowedParentPageTypes(ActorPage, {DirectoryIndexPage})
        self.assertAllowedSubpageTypes(ActorPage, {})
        self.assertAllowedSubpageTypes(DirectoryIndexPage, {ActorPage})
        self.assertAllowedParentPageTypes(DirectoryIndexPage, {HomePage})

    def test_one_directory_per_language_tree(self):
        assert DirectoryIndexPage.max_count_per_parent == 1
        assert DirectoryIndexPage.max_count is None


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("732829320", True),
        ("356000000", True),  # La Poste's SIREN follows the Luhn key, unlike its SIRETs
        ("732829321", False),
        ("73282932", False),
        ("7328293200", False),
        ("73282932a", False),
        ("", False),
    ],
)
def test_siren_key(value, valid):
    assert siren_is_valid(value) is valid


@pytest.mark.parametrize(("language", "label"), [("fr", "Coopérative"), ("en", "Cooperative")])
def test_the_family_is_shown_in_the_language_being_read(language, label):
    with translation.override(language):
        assert ActorPage(family="cooperative").get_family_display() == label


@pytest.mark.parametrize("family", ["", "inconnue"])
def test_a_missing_or_unknown_family_is_shown_as_stored(family):
    assert ActorPage(family=family).get_family_display() == family
