"""Demo content for the home app: the French home page set as the site's root, with a teaser of
brochure figures and the regional ESS platform as partner."""

from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "L'économie sociale et solidaire en Hénin-Carvin"
HOME_INTRO = (
    "<p>La Communauté d'agglomération Hénin-Carvin est un EPCI composé de 14 communes. "
    "Retrouvez les chiffres clés de l'ESS du territoire, ses acteurs et les solutions "
    "de proximité pour développer vos projets.</p>"
)
# Figures as printed in the brochure; it names no source or year, so none is given here.
HOME_KEY_FIGURES = [
    {
        "type": "figure",
        "value": {
            "value": "3761",
            "kind": "number",
            "unit": "emplois ESS",
            "label": "dans la CA Hénin-Carvin",
            "context": "",
            "scale": "units",
            "decimals": 0,
            "year": None,
            "source": "",
        },
    },
    {
        "type": "figure",
        "value": {
            "value": "196",
            "kind": "number",
            "unit": "établissements employeurs",
            "label": "dans l'ESS du territoire",
            "context": "7,5 % des établissements du territoire",
            "scale": "units",
            "decimals": 0,
            "year": None,
            "source": "",
        },
    },
    {
        "type": "figure",
        "value": {
            "value": "9.5",
            "kind": "percent",
            "unit": "",
            "label": "des emplois du territoire relèvent de l'ESS",
            "context": "",
            "scale": "units",
            "decimals": 1,
            "year": None,
            "source": "",
        },
    },
]
ESSHDF_URL = "http://www.esshdf.org"  # printed as WWW.ESSHDF.ORG in the brochure
HOME_BODY = [
    {
        "type": "partners",
        "value": {
            "heading": "Partenaires",
            "partners": [
                {
                    "name": "ESSHDF – Une économie d'avance",
                    "description": "Suivez les actualités de l'ESS sur la plateforme de "
                    "l'économie sociale et solidaire en Hauts-de-France.",
                    "url": ESSHDF_URL,
                }
            ],
        },
    }
]


def build(report):
    """Return the French home page, creating it and pointing the default site at it if needed."""
    site = Site.objects.filter(is_default_site=True).first()
    existing = HomePage.objects.filter(locale=Locale.get_default()).first()
    if existing:
        report("Page d'accueil : déjà présente, conservée.")
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=HOME_TITLE,
            slug="accueil",
            introduction=HOME_INTRO,
            key_figures=HOME_KEY_FIGURES,
            body=HOME_BODY,
        )
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
