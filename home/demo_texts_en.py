"""English texts of the home app's demo pages (French source → English).

Faithful translations of the French demo texts, no new facts. Slugs are translated too.
"""

TEXTS = {
    # Home page
    "L'économie sociale et solidaire en Hénin-Carvin": (
        "The social and solidarity economy in Hénin-Carvin"
    ),
    "accueil": "home",
    "La Communauté d'agglomération Hénin-Carvin est un EPCI composé de 14 communes. "
    "Retrouvez les chiffres clés de l'ESS du territoire, ses acteurs et les solutions de "
    "proximité pour développer vos projets.": (
        "The Hénin-Carvin conurbation community (Communauté d'agglomération Hénin-Carvin) is "
        "an inter-municipal body (EPCI) made up of 14 municipalities. Find the key figures of "
        "the area's social and solidarity economy (SSE), its actors and local support to "
        "develop your projects."
    ),
    "emplois ESS": "SSE jobs",
    "dans la CA Hénin-Carvin": "in the CA Hénin-Carvin",
    "établissements employeurs": "employing establishments",
    "dans l'ESS du territoire": "in the area's SSE",
    "7,5 % des établissements du territoire": "7.5% of the area's establishments",
    "des emplois du territoire relèvent de l'ESS": "of the area's jobs are in the SSE",
    "Partenaires": "Partners",
    "ESSHDF – Une économie d'avance": "ESSHDF – An economy ahead",
    "Suivez les actualités de l'ESS sur la plateforme de l'économie sociale et solidaire en "
    "Hauts-de-France.": (
        "Follow SSE news on the platform of the social and solidarity economy in Hauts-de-France."
    ),
    # Policy page
    "Une politique de l'agglomération en faveur de l'ESS": (
        "A conurbation policy in support of the SSE"
    ),
    "politique-ess": "sse-policy",
    "La politique de la CAHC en faveur de l'économie sociale et solidaire et sa feuille de "
    "route en quatre axes.": (
        "The CAHC's policy in support of the social and solidarity economy and its four-point "
        "roadmap."
    ),
    "La CAHC mène une politique volontariste forte en faveur de l'économie sociale et "
    "solidaire intégrée au Projet de Territoire Écologique voté en 2021.": (
        "The CAHC pursues a strong, proactive policy in support of the social and solidarity "
        "economy, part of the Ecological Territory Project (Projet de Territoire Écologique) "
        "adopted in 2021."
    ),
    "La direction des Transitions économiques travaille au développement de l'ESS à "
    "l'échelle du territoire et développe une feuille de route ESS.": (
        "The Economic Transitions department works to develop the SSE across the area and is "
        "drawing up an SSE roadmap."
    ),
    "La CAHC est lauréate de l'appel à projet Territoire d'ESS lancé par la région "
    "Hauts-de-France en 2024.": (
        "The CAHC won the “SSE Territory” call for projects launched by the Hauts-de-France "
        "region in 2024."
    ),
    "La feuille de route ESS": "The SSE roadmap",
    "La feuille de route est constituée de 4 axes principaux :": (
        "The roadmap has 4 main strands:"
    ),
    "La sensibilisation à l'ESS": "Raising awareness of the SSE",
    "Le lancement d'appels à projet d'accompagnement d'idée de projet ESS (Parcours ESS)": (
        "Calls for projects to support SSE project ideas (Parcours ESS)"
    ),
    "Le financement d'opérateurs (comme par exemple le PTCE) et de projets en émergence / "
    "création / développement / immobiliers": (
        "Funding for operators (such as the PTCE) and for projects at the emerging, start-up, "
        "development or property stage"
    ),
    "L'animation du territoire en ESS (afterwork, petit déj thématique, Mois de l'ESS…)": (
        "SSE events across the area (after-work meetings, themed breakfasts, SSE Month…)"
    ),
    "Pour aller plus loin": "Further reading",
    "ESSHDF, la plateforme de l'économie sociale et solidaire en Hauts-de-France": (
        "ESSHDF, the platform of the social and solidarity economy in Hauts-de-France"
    ),
    # Legal notice
    "Mentions légales": "Legal notice",
    "mentions-legales": "legal-notice",
    "Éditeur du site": "Publisher",
    "Ce site est édité par la Communauté d'agglomération Hénin-Carvin (CAHC).": (
        "This site is published by the Communauté d'agglomération Hénin-Carvin (CAHC)."
    ),
    "Contenus": "Content",
    "Les chiffres présentés sont ceux de la brochure « Les chiffres clés de l'ESS – CA "
    "Hénin-Carvin ».": (
        "The figures shown are those of the brochure “Les chiffres clés de l'ESS – CA "
        "Hénin-Carvin” (key figures of the SSE)."
    ),
    "Contact": "Contact",
    "Chargée de mission économie sociale et solidaire : Sarah Dupont, "
    '<a id="a1">sarah.dupont@agglo-henincarvin.fr</a>.': (
        "Social and solidarity economy officer: Sarah Dupont, "
        '<a id="a1">sarah.dupont@agglo-henincarvin.fr</a>.'
    ),
    # Accessibility statement
    "Déclaration d'accessibilité": "Accessibility statement",
    "declaration-accessibilite": "accessibility-statement",
    "La Communauté d'agglomération Hénin-Carvin s'engage à rendre ce site accessible "
    "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.": (
        "The Communauté d'agglomération Hénin-Carvin is committed to making this site "
        "accessible in accordance with article 47 of French law no. 2005-102 of 11 February "
        "2005."
    ),
    "État de conformité": "Compliance status",
    "Ce site n'a pas encore fait l'objet d'un audit de conformité au référentiel général "
    "d'amélioration de l'accessibilité (RGAA). Son état de conformité n'est donc pas encore "
    "établi. Cette déclaration sera complétée après audit.": (
        "This site has not yet been audited against the French accessibility standard "
        "(RGAA). Its compliance status is therefore not yet established. This statement will "
        "be completed after the audit."
    ),
    "Retour d'information et contact": "Feedback and contact",
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez écrire à "
    '<a id="a1">sarah.dupont@agglo-henincarvin.fr</a> pour être orienté vers une '
    "alternative accessible ou obtenir le contenu sous une autre forme.": (
        "If you cannot access some content or a service, you can write to "
        '<a id="a1">sarah.dupont@agglo-henincarvin.fr</a> to be directed to an accessible '
        "alternative or to obtain the content in another form."
    ),
    "Voies de recours": "Remedies",
    "Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu "
    "ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez "
    "saisir le Défenseur des droits.": (
        "If you have reported an accessibility defect that prevents you from accessing some "
        "content or a service and have not received a satisfactory answer, you can refer the "
        "matter to the Défenseur des droits (the French rights ombudsman)."
    ),
    # Site map
    "Plan du site": "Site map",
    "plan-du-site": "site-map",
    "Toutes les pages publiées du site.": "All the published pages of the site.",
}
