"""The ground floor: what every page of every app stands on, importing no app of the site.

The abstract BasePage, caching, routing, navigation and the visibility rule, security,
logging, localisation, number formatting and the blocks several apps' pages share. Domain
apps (factsheet, directory, search) import only this; the pages composing them all (home) and
ess_site sit on top. `home/` is the TOP floor — its home page composes every domain's blocks —
so the ground cannot be `home/`.
"""
