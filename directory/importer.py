"""Import of ESS actors from INSEE's SIRENE establishment stock (CSV).

Keeps the active establishments of the 14 member communes that belong to the ESS, maps the
legal category to an ESS family, and creates or updates one actor page per SIRET. Row-level
problems are reported and the row left out; a file that cannot be read as SIRENE data raises
ImportFileError before anything is written.
"""

import csv
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from .choices import HEADCOUNT_CHOICES, Family
from .models import ActorPage, Commune
from .validators import siret_is_valid

REQUIRED_COLUMNS = [
    "siret",
    "denominationUniteLegale",
    "enseigne1Etablissement",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleEtablissement",
    "trancheEffectifsEtablissement",
    "codeCommuneEtablissement",
    "numeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "dateCreationEtablissement",
    "economieSocialeSolidaireUniteLegale",
    "etatAdministratifEtablissement",
]
ADDRESS_COLUMNS = ["numeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement"]

BANDS = {code for code, _label in HEADCOUNT_CHOICES}
# Fields the import owns; everything else on the page belongs to editors.
IMPORTED_FIELDS = ["title", "family", "headcount_band", "commune_id", "street_address"]


def family_for(category: str) -> str:
    """ESS family of an INSEE legal category (nomenclature "catégories juridiques", level 3).

    Unknown categories give an empty family rather than a guess.
    """
    if not re.fullmatch(r"\d{4}", category or ""):
        return ""
    code = int(category)
    if 9210 <= code <= 9260:  # associations (déclarées, d'insertion, RUP, de droit local…)
        return Family.ASSOCIATION
    if code in (9300,):  # fondation
        return Family.FONDATION
    if 8210 <= code <= 8290 or code == 6411:  # mutuelles, sociétés d'assurance mutuelle
        return Family.MUTUELLE
    if 5458 <= code <= 5460 or 5551 <= code <= 5560 or 5651 <= code <= 5660:
        return Family.COOPERATIVE  # SARL et SA coopératives (SCOP, SCIC…)
    if 6316 <= code <= 6318:  # CUMA, coopératives agricoles et leurs unions
        return Family.COOPERATIVE
    if 5000 <= code < 6000:  # other commercial companies flagged ESS by INSEE
        return Family.SOCIETE_COMMERCIALE
    return ""


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict = field(default_factory=dict)  # reason → count
    rejected: list = field(default_factory=list)  # (line number, reason)

    def skip(self, reason):
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


class SireneImporter:
    def __init__(self, directory, *, publish=False, progress=None, progress_every=1000):
        self.directory = directory
        self.publish = publish
        self.progress = progress
        self.progress_every = progress_every
        self.communes = {commune.insee_code: commune for commune in Commune.objects.all()}
        self.report = ImportReport()

    def run(self, stream):
        reader = csv.DictReader(stream)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportFileError(f"Fichier illisible : {error}") from error
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise ImportFileError(
                "Ce fichier n'a pas les colonnes du stock SIRENE des établissements ; "
                f"colonnes manquantes : {', '.join(missing)}."
            )
        line = 1
        try:
            for line, row in enumerate(reader, start=2):
                if None in row or None in row.values():
                    raise ImportFileError(
                        f"Ligne {line} : nombre de colonnes différent de l'en-tête."
                    )
                self.import_row(line, row)
                if self.progress and (line - 1) % self.progress_every == 0:
                    self.progress(line - 1)
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportFileError(f"Ligne {line} : fichier mal formé ({error}).") from error
        return self.report

    def import_row(self, line, row):
        siret = row["siret"].strip()
        if not siret_is_valid(siret):
            self.report.rejected.append((line, f"SIRET invalide « {siret} »"))
            return
        if row["etatAdministratifEtablissement"].strip() != "A":
            self.report.skip("établissement fermé")
            return
        commune = self.communes.get(row["codeCommuneEtablissement"].strip())
        if commune is None:
            self.report.skip("commune hors de la CA Hénin-Carvin")
            return
        if row["economieSocialeSolidaireUniteLegale"].strip() != "O":
            self.report.skip("hors ESS")
            return
        name = (row["enseigne1Etablissement"] or row["denominationUniteLegale"]).strip()
        if not name:
            self.report.rejected.append((line, "nom manquant (dénomination et enseigne vides)"))
            return
        date = row["dateCreationEtablissement"].strip()
        if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            self.report.rejected.append((line, f"date de création invalide « {date} »"))
            return
        band = row["trancheEffectifsEtablissement"].strip()
        values = {
            "title": name,
            "family": family_for(row["categorieJuridiqueUniteLegale"].strip()),
            "headcount_band": band if band in BANDS else "",
            "commune_id": commune.pk,
            "street_address": " ".join(
                row[column].strip() for column in ADDRESS_COLUMNS if row[column].strip()
            ),
        }
        self.save(siret, values, founding_year=int(date[:4]) if date else None)

    def save(self, siret, values, founding_year):
        actor = (
            ActorPage.objects.child_of(self.directory).filter(siret=siret).first()
        )  # one per SIRET in this directory's language tree
        if actor is None:
            actor = ActorPage(
                siret=siret,
                slug=f"{slugify(values['title'])[:80]}-{siret}",
                founding_year=founding_year,
                live=self.publish,
                **values,
            )
            self.directory.add_child(instance=actor)
            revision = actor.save_revision()
            if self.publish:
                revision.publish()
            self.report.created += 1
            return
        if all(getattr(actor, name) == value for name, value in values.items()):
            self.report.unchanged += 1
            return
        for name, value in values.items():
            setattr(actor, name, value)
        revision = actor.save_revision()
        if self.publish:
            revision.publish()
        self.report.updated += 1
