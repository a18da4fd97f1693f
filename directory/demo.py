"""Demo content of the directory: every actor the brochure names, with only what it says.

Fields the brochure is silent on stay empty (no family, commune or size is guessed).
"""

from wagtail.models import Locale
from wagtail.rich_text import RichText

from .choices import Family
from .models import ActorPage, Commune, DirectoryIndexPage, Sector

INDEX_TITLE = "Annuaire des acteurs de l'ESS"
INDEX_INTRO = (
    "<p>Associations, coopératives, mutuelles : retrouvez les acteurs de l'économie sociale "
    "et solidaire du territoire de la CA Hénin-Carvin.</p>"
)

# The sectors of activity the brochure names (those of ADDS); no other is invented.
ADDS_SECTORS = [
    "Second œuvre du bâtiment",
    "Propreté urbaine",
    "Voirie",
    "Espaces verts",
    "Propreté et hygiène des locaux",
]

ACTORS = [
    {
        "slug": "adds",
        "title": "Association pour un développement durable et solidaire (ADDS)",
        "family": Family.ASSOCIATION,
        "commune": "62587",  # Montigny-en-Gohelle
        "street_address": "ZAC des deux villes",
        "founding_year": 2010,
        "headcount_band": "21",  # "établissement avec 50 à 99 salariés"
        "sectors": ADDS_SECTORS,
        "summary": (
            "Implantée dans la ZAC des deux villes de Montigny-en-Gohelle, l'association "
            "intervient sur les agglomérations d'Hénin-Carvin et de Lens-Liévin pour des "
            "collectivités locales et les bailleurs sociaux Maisons et Cités et Pas-de-Calais "
            "Habitat. Elle favorise, chaque année, l'insertion sociale et professionnelle "
            "d'une centaine de demandeurs d'emploi."
        ),
        "body": (
            "<p>Ses secteurs d'activités : second œuvre du bâtiment, propreté urbaine, voirie, "
            "espaces verts et propreté et hygiène des locaux.</p><p>L'association est un "
            "acteur du développement local avec un impact à la fois économique, social et "
            "environnemental.</p>"
        ),
    },
    {
        "slug": "identites-mutuelle",
        "title": "Identités Mutuelle",
        "family": Family.MUTUELLE,
        "summary": (
            "Complémentaire santé engagée, Identités Mutuelle développe des partenariats dans "
            "l'ancien Bassin minier pour mener des actions contre la précarité et pour "
            "l'insertion professionnelle et l'éducation (en soutenant par exemple La Cravate "
            "solidaire)."
        ),
    },
    {
        "slug": "jardins-d-insertion-de-l-artois",
        "title": "Les Jardins d'insertion de l'Artois",
        # "depuis 2009" dates the vegetable baskets, not necessarily the founding: the
        # founding year stays empty and the summary keeps the brochure's wording.
        "summary": (
            "Depuis 2009, les Jardins d'insertion de l'Artois proposent des paniers de "
            "légumes biologiques aux consommateurs, tout en favorisant le retour à l'emploi "
            "de personnes en réinsertion ou reconversion professionnelle."
        ),
    },
    {
        "slug": "mission-bassin-minier",
        "title": "Mission Bassin Minier Nord – Pas-de-Calais",
        "founding_year": 2000,
        "summary": (
            "Outil d'ingénierie, de développement et d'aménagement du territoire créé en 2000 "
            "par décision interministérielle, la Mission Bassin Minier appuie la mise en "
            "œuvre d'un programme global de restructuration urbaine, sociale, économique et "
            "écologique du Bassin minier."
        ),
        "body": (
            "<p>Depuis 2012, elle est en charge de la gestion de l'inscription du Bassin "
            "minier sur la Liste du patrimoine mondial de l'UNESCO.</p>"
        ),
    },
    {
        "slug": "ptce-henin-carvin",
        "title": "PTCE Hénin-Carvin",
        "summary": (
            "Le pôle territorial de coopération économique d'Hénin-Carvin fait émerger et "
            "accompagne des projets d'ESS, réunit les acteurs du territoire et cherche à "
            "répondre aux besoins du territoire."
        ),
        "body": (
            "<h2>Trois objectifs</h2><ul>"
            "<li><b>Faire émerger et accompagner des projets d'ESS</b> sur le territoire par la "
            "création collective d'activités économiques socialement utiles répondant à des "
            "besoins peu ou pas satisfaits, générateurs d'emplois ;</li>"
            "<li><b>être un lieu de rencontres et d'échanges</b> destiné à créer des liens entre "
            "les acteurs et les structures du territoire dans le but de favoriser l'innovation "
            "sociale et la créativité socio-économique ;</li>"
            "<li><b>connaître les besoins du territoire</b> et chercher à répondre à ses "
            "enjeux, en s'appuyant sur le Projet de Territoire Écologique de la CAHC et sur "
            "les membres du PTCE.</li></ul>"
            "<h2>Quatre groupes de travail</h2><p>Ses actions portent sur la création et le "
            "développement de projets territoriaux axés sur quatre groupes de travail :</p><ul>"
            "<li>l'alimentation durable et la consommation responsable ;</li>"
            "<li>le développement social local et la citoyenneté active ;</li>"
            "<li>la mobilité sociale, solidaire et inclusive ;</li>"
            "<li>la transition énergétique et l'économie circulaire.</li></ul>"
        ),
    },
    {
        "slug": "ahnac",
        "title": "Association Hospitalière Nord Artois Clinique (AHNAC)",
        "family": Family.ASSOCIATION,
        "headcount_band": "41",  # 500 à 999 salariés
    },
    {
        "slug": "apei-les-papillons-blancs",
        "title": "APEI Les Papillons blancs",
        "family": Family.ASSOCIATION,
        # The brochure prints "250 à 599 salariés", which is no INSEE band; 250–499 (32) is
        # the band that contains its lower bound. To check with the CAHC.
        "headcount_band": "32",
    },
    {
        "slug": "impulsion",
        "title": "Impulsion",
        "family": Family.ASSOCIATION,
        "headcount_band": "22",  # 100 à 199 salariés
    },
]


def _sector(name, locale):
    sector = Sector.objects.filter(name=name, locale=locale).first()
    return sector or Sector.objects.create(name=name, locale=locale)


def build(home, report):
    index = DirectoryIndexPage.objects.child_of(home).first()
    if index:
        report("Annuaire : déjà présent, conservé.")
    else:
        index = home.add_child(
            instance=DirectoryIndexPage(
                title=INDEX_TITLE, slug="annuaire", introduction=INDEX_INTRO, show_in_menus=True
            )
        )
        index.save_revision().publish()
        report("Annuaire : créé.")
    locale = Locale.get_default()
    created = 0
    for data in ACTORS:
        if ActorPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        fields = {key: value for key, value in data.items() if key not in {"sectors", "body"}}
        if "commune" in fields:
            fields["commune"] = Commune.objects.get(insee_code=fields["commune"])
        actor = ActorPage(**fields)
        if "body" in data:
            actor.body = [("paragraph", RichText(data["body"]))]
        index.add_child(instance=actor)
        actor.sectors.set([_sector(name, locale) for name in data.get("sectors", [])])
        actor.save_revision().publish()
        created += 1
    report(f"Acteurs : {created} créé(s), {len(ACTORS) - created} conservé(s).")
