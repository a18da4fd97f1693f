"""Small page-tree builders shared by the home and search tests."""

from wagtail.models import Locale, PageViewRestriction, Site

from home.models import ContentPage, HomePage, PolicyPage, SiteSettings


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def policy(parent, **fields):
    fields.setdefault("title", "Politique ESS")
    fields.setdefault("slug", "politique-ess")
    fields.setdefault("intro", "<p>La CAHC mène une politique en faveur de l'ESS.</p>")
    fields.setdefault("show_in_menus", True)
    return publish(parent, PolicyPage(**fields))


def content(parent, **fields):
    fields.setdefault("title", "Mentions légales")
    fields.setdefault("slug", "mentions-legales")
    return publish(parent, ContentPage(**fields))


def english_home(home):
    """The English translation of `home`, published, as a second root of the same site."""
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Home"
    english.save_revision().publish()
    return HomePage.objects.get(pk=english.pk)


def make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def footer_settings(**fields):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def draft(parent, page):
    page.live = False
    return parent.add_child(instance=page)
