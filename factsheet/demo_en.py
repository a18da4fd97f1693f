"""English texts of the factsheet demo page (French source → English).

Faithful translations of the brochure's wording, no new facts. Figures are not here: they
are synchronised from the French page, never translated.
"""

TEXTS = {
    "Les chiffres clés de l'ESS – CA Hénin-Carvin": "Key figures of the SSE – CA Hénin-Carvin",
    "chiffres-cles": "key-figures",
    "Communauté d'agglomération Hénin-Carvin": "Communauté d'agglomération Hénin-Carvin",
    "Les données de contexte": "Background data",
    "La CA Hénin-Carvin est un EPCI composé de 14 communes.": (
        "The CA Hénin-Carvin is an inter-municipal body (EPCI) made up of 14 municipalities."
    ),
    "communes composent la CA Hénin-Carvin": "municipalities make up the CA Hénin-Carvin",
    "habitant·es": "inhabitants",
    "de la population du département du Pas-de-Calais": (
        "of the population of the Pas-de-Calais département"
    ),
    "habitant·es par km²": "inhabitants per km²",
    "de la population âgée de 15 à 64 ans se déclare au chômage": (
        "of the population aged 15 to 64 report being unemployed"
    ),
    "des habitant·es ont plus de 75 ans": "of inhabitants are over 75",
    "Les emplois de l'ESS": "SSE jobs",
    "emplois ESS": "SSE jobs",
    "des emplois ESS régionaux": "of the region's SSE jobs",
    "des emplois ESS départementaux": "of the département's SSE jobs",
    "des emplois du territoire": "of the area's jobs",
    "emploi": "job",
    "par équivalent temps plein": "per full-time equivalent",
    "Les établissements employeurs": "Employing establishments",
    "établissements employeurs": "employing establishments",
    "des établissements du territoire": "of the area's establishments",
    "établissement": "establishment",
    "moyenne de salarié·es par établissement": "employees per establishment on average",
    "Répartition des établissements par statut juridique": "Establishments by legal status",
    "Associations": "Associations",
    "Coopératives": "Cooperatives",
    "Mutuelles": "Mutual societies",
    "Les associations représentent 89 % des établissements de l'ESS du territoire, les "
    "coopératives 6 % et les mutuelles 5 %.": (
        "Associations make up 89% of the area's SSE establishments, cooperatives 6% and "
        "mutual societies 5%."
    ),
    "La masse salariale": "Payroll",
    "de masse salariale": "in payroll",
    "de la masse salariale du Pas-de-Calais": "of the Pas-de-Calais payroll",
    "Répartition des établissements par secteur d'activité": (
        "Establishments by sector of activity"
    ),
    "<b>Données à compléter.</b> La brochure annonce cette répartition sans en donner les "
    "chiffres : ajoutez ici un graphique quand les données seront disponibles.": (
        "<b>Data to be completed.</b> The brochure announces this breakdown without giving "
        "the figures: add a chart here when the data is available."
    ),
    "Exemples d'employeurs de l'ESS": "Examples of SSE employers",
    "Une diversité d'acteurs de l'ESS": "A diversity of SSE actors",
    "Contact": "Contact",
    "Sarah Dupont": "Sarah Dupont",
    "Chargée de mission économie sociale et solidaire": "Social and solidarity economy officer",
}
