"""Demo content for the home app's sections: the agglomeration's ESS policy (brochure text), the
legal notice, the accessibility statement, the plan du site, and the footer's site settings.

Nothing here is invented: what the brochure does not say is left out or said to be pending.
"""

from wagtail.models import Site

from .demo import ESSHDF_URL
from .models import ContentPage, PartnerLinks, PolicyPage, SiteSettings

CONTACT_NAME = "Sarah Dupont"
CONTACT_EMAIL = "sarah.dupont@agglo-henincarvin.fr"

POLICY = {
    "title": "Une politique de l'agglomération en faveur de l'ESS",
    "slug": "politique-ess",
    "search_description": "La politique de la CAHC en faveur de l'économie sociale et "
    "solidaire et sa feuille de route en quatre axes.",
    "intro": "<p>La CAHC mène une politique volontariste forte en faveur de l'économie sociale "
    "et solidaire intégrée au Projet de Territoire Écologique voté en 2021.</p>",
    "body": [
        {
            "type": "rich_text",
            "value": "<p>La direction des Transitions économiques travaille au développement "
            "de l'ESS à l'échelle du territoire et développe une feuille de route ESS.</p>",
        },
        {
            "type": "callout",
            "value": {
                "title": "",
                "text": "<p>La CAHC est lauréate de l'appel à projet Territoire d'ESS lancé "
                "par la région Hauts-de-France en 2024.</p>",
            },
        },
        {
            "type": "roadmap",
            "value": {
                "heading": "La feuille de route ESS",
                "intro": "<p>La feuille de route est constituée de 4 axes principaux :</p>",
                "axes": [
                    {"title": "La sensibilisation à l'ESS", "text": ""},
                    {
                        "title": "Le lancement d'appels à projet d'accompagnement d'idée de "
                        "projet ESS (Parcours ESS)",
                        "text": "",
                    },
                    {
                        "title": "Le financement d'opérateurs (comme par exemple le PTCE) et "
                        "de projets en émergence / création / développement / immobiliers",
                        "text": "",
                    },
                    {
                        "title": "L'animation du territoire en ESS (afterwork, petit déj "
                        "thématique, Mois de l'ESS…)",
                        "text": "",
                    },
                ],
            },
        },
        {
            "type": "related_links",
            "value": {
                "heading": "Pour aller plus loin",
                "links": [
                    {
                        "page": None,
                        "url": ESSHDF_URL,
                        "label": "ESSHDF, la plateforme de l'économie sociale et solidaire "
                        "en Hauts-de-France",
                    }
                ],
            },
        },
    ],
}


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _text(html):
    return {"type": "rich_text", "value": html}


LEGAL_NOTICE = {
    "title": "Mentions légales",
    "slug": "mentions-legales",
    "intro": "",
    "body": [
        _heading("Éditeur du site"),
        _text("<p>Ce site est édité par la Communauté d'agglomération Hénin-Carvin (CAHC).</p>"),
        _heading("Contenus"),
        _text(
            "<p>Les chiffres présentés sont ceux de la brochure « Les chiffres clés de l'ESS – "
            "CA Hénin-Carvin ».</p>"
        ),
        _heading("Contact"),
        _text(
            f"<p>Chargée de mission économie sociale et solidaire : {CONTACT_NAME}, "
            f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>'
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Déclaration d'accessibilité",
    "slug": "declaration-accessibilite",
    "intro": "La Communauté d'agglomération Hénin-Carvin s'engage à rendre ce site accessible "
    "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
    "body": [
        _heading("État de conformité"),
        _text(
            "<p>Ce site n'a pas encore fait l'objet d'un audit de conformité au référentiel "
            "général d'amélioration de l'accessibilité (RGAA). Son état de conformité n'est donc "
            "pas encore établi. Cette déclaration sera complétée après audit.</p>"
        ),
        _heading("Retour d'information et contact"),
        _text(
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez "
            f'écrire à <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> pour être orienté '
            "vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>"
        ),
        _heading("Voies de recours"),
        _text(
            "<p>Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un "
            "contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, "
            "vous pouvez saisir le Défenseur des droits.</p>"
        ),
    ],
}

SITE_MAP = {
    "title": "Plan du site",
    "slug": "plan-du-site",
    "intro": "Toutes les pages publiées du site.",
    "body": [{"type": "site_map", "value": None}],
}


def _get_or_create(home, model, fields, report, show_in_menus=False):
    existing = model.objects.child_of(home).filter(slug=fields["slug"]).first()
    if existing:
        report(f"{fields['title']} : déjà présente, conservée.")
        return existing
    page = home.add_child(instance=model(show_in_menus=show_in_menus, **fields))
    page.save_revision().publish()
    report(f"{fields['title']} : créée.")
    return page


def build(home, report):
    _get_or_create(home, PolicyPage, POLICY, report, show_in_menus=True)
    legal = _get_or_create(home, ContentPage, LEGAL_NOTICE, report)
    accessibility = _get_or_create(home, ContentPage, ACCESSIBILITY, report)
    site_map = _get_or_create(home, ContentPage, SITE_MAP, report)

    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    # Fill only what an editor has left empty.
    changed = False
    for field, value in [
        ("contact_name", CONTACT_NAME),
        ("contact_email", CONTACT_EMAIL),
        ("legal_notice_page", legal),
        ("accessibility_page", accessibility),
        ("sitemap_page", site_map),
    ]:
        if not getattr(settings, field):
            setattr(settings, field, value)
            changed = True
    if not PartnerLinks.objects.filter(locale=home.locale).exists():
        PartnerLinks.objects.create(
            locale=home.locale,
            links=[
                {
                    "type": "link",
                    "value": {"label": "ESSHDF – Une économie d'avance", "url": ESSHDF_URL},
                }
            ],
        )
        changed = True
    if changed:
        settings.save()
        report("Réglages du pied de page : complétés.")
    else:
        report("Réglages du pied de page : déjà renseignés, conservés.")
