"""Demo content for the home app: the French home page set as the site's root."""

from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "L'économie sociale et solidaire en Hénin-Carvin"
HOME_INTRO = (
    "<p>La Communauté d'agglomération Hénin-Carvin est un EPCI composé de 14 communes. "
    "Retrouvez les chiffres clés de l'ESS du territoire, ses acteurs et les solutions "
    "de proximité pour développer vos projets.</p>"
)


def build(report):
    """Return the French home page, creating it and pointing the default site at it if needed."""
    site = Site.objects.filter(is_default_site=True).first()
    existing = HomePage.objects.filter(locale=Locale.get_default()).first()
    if existing:
        report("Page d'accueil : déjà présente, conservée.")
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=HOME_TITLE, slug="accueil", introduction=HOME_INTRO)
    )
    home.save_revision().publish()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "L'ESS en Hénin-Carvin"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="L'ESS en Hénin-Carvin",
        )
    # Wagtail's initial "Welcome" page is empty scaffolding; nothing links to it any more.
    if placeholder and placeholder.specific_class is Page and not placeholder.get_children():
        placeholder.delete()
    report("Page d'accueil : créée.")
    return home
