"""Demo content: the key-figures page, with every figure the printed brochure gives.

The brochure states neither the year nor the source of its figures: those fields stay empty.
Its "par secteur d'activité" heading has no figures in the text: an editor's placeholder
stands in for them.
"""

from django.apps import apps

from .models import FactsheetPage

# Named by string: the factsheet imports no other domain app.
ActorPage = apps.get_model("directory", "ActorPage")

SLUG = "chiffres-cles"
TITLE = "Les chiffres clés de l'ESS – CA Hénin-Carvin"


def _figure(value, label, kind="number", decimals=0, unit="", scale="units", **settings):
    return {
        "value": value,
        "kind": kind,
        "unit": unit,
        "label": label,
        "context": "",
        "scale": scale,
        "decimals": decimals,
        "year": None,
        "source": "",
        "key": settings.get("key", ""),
        "check": settings.get("check", ""),
        "numerator": settings.get("numerator", ""),
        "denominator": settings.get("denominator", ""),
    }


def _group(heading, figures, intro="", layout="grid"):
    return {
        "type": "figure_group",
        "value": {"heading": heading, "intro": intro, "figures": figures, "layout": layout},
    }


BODY = [
    _group(
        "Les données de contexte",
        [
            _figure("14", "communes composent la CA Hénin-Carvin", key="communes"),
            _figure("126895", "habitant·es", key="population"),
            _figure("8.7", "de la population du département du Pas-de-Calais", "percent", 1),
            _figure("1132", "habitant·es par km²"),
            _figure("18", "de la population âgée de 15 à 64 ans se déclare au chômage", "percent"),
            _figure("7.8", "des habitant·es ont plus de 75 ans", "percent", 1),
        ],
        intro="La CA Hénin-Carvin est un EPCI composé de 14 communes.",
    ),
    _group(
        "Les emplois de l'ESS",
        [
            _figure("3761", "emplois ESS", key="emplois"),
            _figure("1.7", "des emplois ESS régionaux", "percent", 1),
            _figure("7.2", "des emplois ESS départementaux", "percent", 1),
            _figure("9.5", "des emplois du territoire", "percent", 1),
            _figure("1.3", "par équivalent temps plein", decimals=1, unit="emploi"),
        ],
        layout="highlight",
    ),
    _group(
        "Les établissements employeurs",
        [
            _figure("196", "établissements employeurs", key="etablissements"),
            _figure("7.5", "des établissements du territoire", "percent", 1),
            _figure(
                "1.5",
                "",
                "per_thousand",
                1,
                unit="établissement",
                check="per_thousand",
                numerator="etablissements",
                denominator="population",
            ),
            _figure(
                "19.2",
                "moyenne de salarié·es par établissement",
                decimals=1,
                check="quotient",
                numerator="emplois",
                denominator="etablissements",
            ),
        ],
        layout="highlight",
    ),
    {
        "type": "chart",
        "value": {
            "title": "Répartition des établissements par statut juridique",
            "chart_type": "donut",
            "rows": [
                {"label": "Associations", "value": "89"},
                {"label": "Coopératives", "value": "6"},
                {"label": "Mutuelles", "value": "5"},
            ],
            "summary": "Les associations représentent 89 % des établissements de l'ESS du "
            "territoire, les coopératives 6 % et les mutuelles 5 %.",
            "kind": "percent",
            "decimals": 0,
            "source": "",
            "note": "",
        },
    },
    _group(
        "La masse salariale",
        [
            _figure("91.3", "de masse salariale", "euro", 1, scale="millions"),
            _figure("7.7", "de la masse salariale du Pas-de-Calais", "percent", 1),
        ],
    ),
    {"type": "heading", "value": "Répartition des établissements par secteur d'activité"},
    {
        "type": "text",
        "value": "<p><b>Données à compléter.</b> La brochure annonce cette répartition "
        "sans en donner les chiffres : ajoutez ici un graphique quand les données "
        "seront disponibles.</p>",
    },
    {"type": "heading", "value": "Contact"},
    {
        "type": "contact",
        "value": {
            "name": "Sarah Dupont",
            "role": "Chargée de mission économie sociale et solidaire",
            "organisation": "",
            "email": "sarah.dupont@agglo-henincarvin.fr",
            "phone": "",
        },
    },
]


# The brochure's "Exemples d'employeurs ESS", in its order, and its "Une diversité d'acteurs de
# l'ESS": profiles the directory's demo creates (by slug), shown as the brochure shows them.
EMPLOYERS = ["ahnac", "apei-les-papillons-blancs", "impulsion", "adds"]
ACTORS = [
    "adds",
    "identites-mutuelle",
    "jardins-d-insertion-de-l-artois",
    "mission-bassin-minier",
    "ptce-henin-carvin",
]


def _actor_sections(home):
    found = dict(
        ActorPage.objects.descendant_of(home)
        .filter(slug__in=EMPLOYERS + ACTORS)
        .values_list("slug", "pk")
    )
    sections = []
    if employers := [found[slug] for slug in EMPLOYERS if slug in found]:
        sections.append(
            {
                "type": "employers",
                "value": {"heading": "Exemples d'employeurs de l'ESS", "actors": employers},
            }
        )
    if actors := [found[slug] for slug in ACTORS if slug in found]:
        sections.append(
            {
                "type": "actors",
                "value": {"heading": "Une diversité d'acteurs de l'ESS", "actors": actors},
            }
        )
    return sections


def build(home, report):
    """Create the factsheet as the home page's first section unless its slug is taken."""
    if home.get_children().filter(slug=SLUG).exists():
        report("Chiffres clés : page déjà présente, conservée.")
        return
    contact = next(i for i, block in enumerate(BODY) if block.get("value") == "Contact")
    page = FactsheetPage(
        title=TITLE,
        slug=SLUG,
        territory="Communauté d'agglomération Hénin-Carvin",
        body=[*BODY[:contact], *_actor_sections(home), *BODY[contact:]],
        show_in_menus=True,
    )
    first_section = home.get_first_child()
    if first_section:
        first_section.add_sibling(instance=page, pos="left")
    else:
        home.add_child(instance=page)
    page.save_revision().publish()
    report("Chiffres clés : page créée.")
