"""Demo content of the support services: the two services the brochure lists, as printed."""

from wagtail.models import Locale

from .models import SupportServiceCategory, SupportServiceIndexPage, SupportServicePage

INDEX_TITLE = "Des solutions de proximité pour développer vos projets"

SERVICES = [
    {
        "slug": "hauts-de-france-entreprises-cellule-ess",
        "title": "Hauts-de-France Entreprises – Direction des entreprises – Cellule ESS",
        "provider": "Hauts-de-France Entreprises",
        "category": "Financement",
        "service_name": "Direction des entreprises – Cellule ESS",
        "email": "ess@hautsdefrance.fr",
    },
    {
        "slug": "reseau-tremplin",
        "title": "Réseau Tremplin – l'accompagnement ESS en Hauts-de-France",
        "provider": "Réseau Tremplin",
        "category": "Accompagnement",
        # Printed "WWW.TREMLIN-HDF.ORG" in the brochure, apparently a misprint of "tremplin";
        # kept as printed until the CAHC confirms the address.
        "website": "http://WWW.TREMLIN-HDF.ORG",
    },
]


def build(home, report):
    index = SupportServiceIndexPage.objects.child_of(home).first()
    if index:
        report("Services d'appui : déjà présents, conservés.")
    else:
        index = home.add_child(
            instance=SupportServiceIndexPage(
                title=INDEX_TITLE, slug="services-d-appui", show_in_menus=True
            )
        )
        index.save_revision().publish()
        report("Services d'appui : page créée.")
    locale = Locale.get_default()
    created = 0
    for data in SERVICES:
        if SupportServicePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        category, _ = SupportServiceCategory.objects.get_or_create(
            name=data["category"], locale=locale
        )
        service = SupportServicePage(**{**data, "category": category})
        index.add_child(instance=service)
        service.save_revision().publish()
        created += 1
    report(f"Services d'appui : {created} créé(s), {len(SERVICES) - created} conservé(s).")
