"""Editors' round trips through the Wagtail admin for the home app's pages and settings."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage, HomePage, PolicyPage

pytestmark = pytest.mark.django_db


def roadmap_data(*titles):
    return {
        "heading": "Feuille de route",
        "intro": rich_text(""),
        "axes": streamfield([("item", {"title": t, "text": rich_text("")}) for t in titles]),
    }


class TestPolicyAdmin(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Locale, Page

        root = Page.get_first_root_node()
        self.home = root.add_child(
            instance=HomePage(title="Accueil", slug="accueil", locale=Locale.get_default())
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": self.home, "site_name": "ESS"},
        )
        # force_login: django-axes requires the request that client.login() does not pass.
        self.client.force_login(self.create_test_user())

    def policy_form(self, *titles):
        return nested_form_data(
            {
                "title": "Politique ESS",
                "slug": "politique-ess",
                "intro": rich_text("<p>La CAHC mène une politique volontariste.</p>"),
                "body": streamfield([("roadmap", roadmap_data(*titles))]),
            }
        )

    def test_editor_creates_a_policy_page_with_a_roadmap(self):
        self.assertCanCreate(self.home, PolicyPage, self.policy_form("Sensibiliser", "Animer"))
        page = PolicyPage.objects.get()
        axes = page.body[0].value["axes"]
        assert [axis["title"] for axis in axes] == ["Sensibiliser", "Animer"]

    def test_publishing_a_roadmap_with_twice_the_same_axis_is_refused_with_a_message(self):
        url = reverse("wagtailadmin_pages:add", args=("home", "policypage", self.home.pk))
        data = self.policy_form("Sensibiliser", "Sensibiliser")
        data["action-publish"] = "publish"
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert not PolicyPage.objects.exists()
        # The admin hands block errors to its JavaScript as JSON, where accents are escaped.
        assert "Deux axes portent le m\\u00eame intitul\\u00e9" in response.content.decode()

    def test_policy_and_content_pages_can_be_previewed(self):
        policy = self.home.add_child(
            instance=PolicyPage(title="Politique", slug="politique", intro="<p>x</p>")
        )
        content = self.home.add_child(
            instance=ContentPage(
                title="Plan du site", slug="plan", body=[{"type": "site_map", "value": None}]
            )
        )
        self.assertPageIsPreviewable(policy, post_data=self.policy_form("Sensibiliser"))
        self.assertPageIsPreviewable(
            content,
            post_data=nested_form_data(
                {
                    "title": "Plan du site",
                    "slug": "plan",
                    "intro": "",
                    "body": streamfield([("site_map", "")]),
                }
            ),
        )

    def test_a_new_policy_page_can_be_previewed_before_its_first_save(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("home", "policypage", self.home.pk)
        )
        response = self.client.post(url, self.policy_form("Sensibiliser"))
        assert response.json()["is_valid"]
        html = self.client.get(url).content.decode()
        assert "<h1>Politique ESS</h1>" in html
        assert "La CAHC mène une politique volontariste." in html


def test_site_settings_are_editable_in_the_admin(client, home_page):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    response = client.get(reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk)))
    assert response.status_code == 200
    assert "Pied de page et contact" in response.content.decode()
