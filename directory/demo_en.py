"""English texts of the directory's demo pages and taxonomies (French source → English).

Faithful translations of the brochure's wording, no new facts. Organisation names stay as
they are registered.
"""

TEXTS = {
    # Sectors and support service categories
    "Second œuvre du bâtiment": "Building finishing works",
    "Propreté urbaine": "Street cleaning",
    "Voirie": "Roadworks",
    "Espaces verts": "Green spaces",
    "Propreté et hygiène des locaux": "Premises cleaning and hygiene",
    "Financement": "Funding",
    "Accompagnement": "Support",
    # Directory
    "Annuaire des acteurs de l'ESS": "Directory of SSE actors",
    "annuaire": "directory",
    "Associations, coopératives, mutuelles : retrouvez les acteurs de l'économie sociale et "
    "solidaire du territoire de la CA Hénin-Carvin.": (
        "Associations, cooperatives, mutual societies: find the actors of the social and "
        "solidarity economy in the CA Hénin-Carvin area."
    ),
    # Actors
    "Association pour un développement durable et solidaire (ADDS)": (
        "Association pour un développement durable et solidaire (ADDS)"
    ),
    "adds": "adds",
    "Implantée dans la ZAC des deux villes de Montigny-en-Gohelle, l'association intervient "
    "sur les agglomérations d'Hénin-Carvin et de Lens-Liévin pour des collectivités locales et "
    "les bailleurs sociaux Maisons et Cités et Pas-de-Calais Habitat. Elle favorise, chaque "
    "année, l'insertion sociale et professionnelle d'une centaine de demandeurs d'emploi.": (
        "Based in the ZAC des deux villes business park in Montigny-en-Gohelle, the "
        "association works across the Hénin-Carvin and Lens-Liévin conurbations for local "
        "authorities and the social landlords Maisons et Cités and Pas-de-Calais Habitat. "
        "Every year, it helps around a hundred jobseekers into social and professional "
        "integration."
    ),
    "Ses secteurs d'activités : second œuvre du bâtiment, propreté urbaine, voirie, espaces "
    "verts et propreté et hygiène des locaux.": (
        "Its sectors of activity: building finishing works, street cleaning, roadworks, green "
        "spaces, and premises cleaning and hygiene."
    ),
    "L'association est un acteur du développement local avec un impact à la fois économique, "
    "social et environnemental.": (
        "The association is a player in local development with an economic, social and "
        "environmental impact."
    ),
    "Identités Mutuelle": "Identités Mutuelle",
    "identites-mutuelle": "identites-mutuelle",
    "Complémentaire santé engagée, Identités Mutuelle développe des partenariats dans "
    "l'ancien Bassin minier pour mener des actions contre la précarité et pour l'insertion "
    "professionnelle et l'éducation (en soutenant par exemple La Cravate solidaire).": (
        "A committed complementary health insurer, Identités Mutuelle builds partnerships in "
        "the former mining basin to act against precariousness and for professional "
        "integration and education (for example by supporting La Cravate solidaire)."
    ),
    "Les Jardins d'insertion de l'Artois": "Les Jardins d'insertion de l'Artois",
    "jardins-d-insertion-de-l-artois": "jardins-d-insertion-de-l-artois",
    "Depuis 2009, les Jardins d'insertion de l'Artois proposent des paniers de légumes "
    "biologiques aux consommateurs, tout en favorisant le retour à l'emploi de personnes en "
    "réinsertion ou reconversion professionnelle.": (
        "Since 2009, the Jardins d'insertion de l'Artois have offered baskets of organic "
        "vegetables to consumers, while helping people in rehabilitation or changing careers "
        "back into work."
    ),
    "Mission Bassin Minier Nord – Pas-de-Calais": "Mission Bassin Minier Nord – Pas-de-Calais",
    "mission-bassin-minier": "mission-bassin-minier",
    "Outil d'ingénierie, de développement et d'aménagement du territoire créé en 2000 par "
    "décision interministérielle, la Mission Bassin Minier appuie la mise en œuvre d'un "
    "programme global de restructuration urbaine, sociale, économique et écologique du Bassin "
    "minier.": (
        "An engineering, development and planning body created in 2000 by inter-ministerial "
        "decision, the Mission Bassin Minier supports the implementation of a comprehensive "
        "programme for the urban, social, economic and ecological restructuring of the mining "
        "basin."
    ),
    "Depuis 2012, elle est en charge de la gestion de l'inscription du Bassin minier sur la "
    "Liste du patrimoine mondial de l'UNESCO.": (
        "Since 2012, it has managed the mining basin's inscription on the UNESCO World "
        "Heritage List."
    ),
    "PTCE Hénin-Carvin": "PTCE Hénin-Carvin",
    "ptce-henin-carvin": "ptce-henin-carvin",
    "Le pôle territorial de coopération économique d'Hénin-Carvin fait émerger et accompagne "
    "des projets d'ESS, réunit les acteurs du territoire et cherche à répondre aux besoins du "
    "territoire.": (
        "The Hénin-Carvin local economic cooperation hub (PTCE) brings forth and supports SSE "
        "projects, brings the area's actors together and seeks to meet the area's needs."
    ),
    "Trois objectifs": "Three objectives",
    "<b>Faire émerger et accompagner des projets d'ESS</b> sur le territoire par la création "
    "collective d'activités économiques socialement utiles répondant à des besoins peu ou pas "
    "satisfaits, générateurs d'emplois ;": (
        "<b>Bring forth and support SSE projects</b> in the area through the collective "
        "creation of socially useful economic activities that meet needs poorly met or unmet, "
        "and create jobs;"
    ),
    "<b>être un lieu de rencontres et d'échanges</b> destiné à créer des liens entre les "
    "acteurs et les structures du territoire dans le but de favoriser l'innovation sociale et "
    "la créativité socio-économique ;": (
        "<b>be a place for meeting and exchange</b> that links the area's actors and "
        "organisations, to foster social innovation and socio-economic creativity;"
    ),
    "<b>connaître les besoins du territoire</b> et chercher à répondre à ses enjeux, en "
    "s'appuyant sur le Projet de Territoire Écologique de la CAHC et sur les membres du "
    "PTCE.": (
        "<b>know the area's needs</b> and seek to meet its challenges, drawing on the CAHC's "
        "Ecological Territory Project and on the PTCE's members."
    ),
    "Quatre groupes de travail": "Four working groups",
    "Ses actions portent sur la création et le développement de projets territoriaux axés sur "
    "quatre groupes de travail :": (
        "Its work covers the creation and development of local projects around four working groups:"
    ),
    "l'alimentation durable et la consommation responsable ;": (
        "sustainable food and responsible consumption;"
    ),
    "le développement social local et la citoyenneté active ;": (
        "local social development and active citizenship;"
    ),
    "la mobilité sociale, solidaire et inclusive ;": (
        "social, solidarity-based and inclusive mobility;"
    ),
    "la transition énergétique et l'économie circulaire.": (
        "the energy transition and the circular economy."
    ),
    "Association Hospitalière Nord Artois Clinique (AHNAC)": (
        "Association Hospitalière Nord Artois Clinique (AHNAC)"
    ),
    "ahnac": "ahnac",
    "APEI Les Papillons blancs": "APEI Les Papillons blancs",
    "apei-les-papillons-blancs": "apei-les-papillons-blancs",
    "Impulsion": "Impulsion",
    "impulsion": "impulsion",
    # Support services
    "Des solutions de proximité pour développer vos projets": (
        "Local support to develop your projects"
    ),
    "services-d-appui": "support-services",
    "Hauts-de-France Entreprises – Direction des entreprises – Cellule ESS": (
        "Hauts-de-France Entreprises – Business department – SSE unit"
    ),
    "hauts-de-france-entreprises-cellule-ess": "hauts-de-france-entreprises-sse-unit",
    "Hauts-de-France Entreprises": "Hauts-de-France Entreprises",
    "Direction des entreprises – Cellule ESS": "Business department – SSE unit",
    "Réseau Tremplin – l'accompagnement ESS en Hauts-de-France": (
        "Réseau Tremplin – SSE support in Hauts-de-France"
    ),
    "reseau-tremplin": "reseau-tremplin",
    "Réseau Tremplin": "Réseau Tremplin",
}
