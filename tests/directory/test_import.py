"""manage.py import_actors: SIRENE rows become actor pages, idempotently, or nothing changes."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory.models import ActorPage

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "directory" / "fixtures" / "sirene-sample.csv"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_actors", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_creates_drafts_and_reports_every_row(directory):
    report = run(str(SAMPLE))
    assert "Créées : 4" in report
    assert "Ignorées : 3" in report
    for reason in ["établissement fermé : 1", "commune hors de la CA Hénin-Carvin : 1"]:
        assert reason in report
    assert "hors ESS : 1" in report
    assert "Rejetées : 2" in report
    assert "ligne 8 : SIRET invalide « 00000000100070 »" in report
    assert "ligne 10 : date de création invalide « 03/01/2015 »" in report

    actors = {actor.siret: actor for actor in ActorPage.objects.all()}
    assert len(actors) == 4
    assert not any(actor.live for actor in actors.values())
    alpha = actors["00000000100016"]
    assert alpha.family == "association"
    assert (alpha.commune.insee_code, alpha.headcount_band) == ("62427", "12")
    assert alpha.street_address == "1 RUE DE L EXEMPLE"
    assert alpha.founding_year == 2011
    assert actors["00000000100024"].family == "cooperative"
    assert actors["00000000100032"].family == "mutuelle"
    assert actors["00000000100081"].title == "EPICERIE FICTIVE DELTA (DONNEE DE TEST)"


def test_a_second_run_changes_nothing_and_an_edit_in_the_file_updates(directory, tmp_path):
    run(str(SAMPLE), "--publish")
    report = run(str(SAMPLE), "--publish")
    assert "Créées : 0" in report and "Inchangées : 4" in report
    assert ActorPage.objects.count() == 4

    changed = tmp_path / "changed.csv"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(",12,62427,1,RUE", ",21,62427,1,RUE"),
        encoding="utf-8",
    )
    report = run(str(changed), "--publish")
    assert "Mises à jour : 1" in report and "Inchangées : 3" in report
    assert ActorPage.objects.get(siret="00000000100016").headcount_band == "21"
    assert ActorPage.objects.filter(live=True).count() == 4


def test_published_import_is_visible_in_the_directory(client, directory):
    run(str(SAMPLE), "--publish")
    response = client.get("/fr/annuaire/", {"q": "gamma"})
    assert "MUTUELLE FICTIVE GAMMA" in response.content.decode()


def test_wrong_columns_give_one_clear_error_and_change_nothing(directory, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("siret;nom\n00000000100016;Alpha\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonnes manquantes : .*denominationUniteLegale"):
        run(str(bad))
    assert ActorPage.objects.count() == 0


def test_a_malformed_row_rolls_back_the_rows_before_it(directory, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text(
        SAMPLE.read_text(encoding="utf-8") + "00000000100099,TROP,COURTE\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="Ligne 11 : nombre de colonnes"):
        run(str(broken))
    assert ActorPage.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(directory, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        SAMPLE.read_text(encoding="utf-8").replace("FICTIVE", "FICTÏVE").encode("latin-1")
    )
    with pytest.raises(CommandError, match="Aucune modification"):
        run(str(latin))
    assert ActorPage.objects.count() == 0


def test_missing_file_is_a_clear_error(directory):
    with pytest.raises(CommandError, match="Impossible d'ouvrir"):
        run("/nonexistent/file.csv")


def test_progress_is_shown_on_large_files(directory, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    closed = lines[4]  # a closed establishment: read, counted, skipped
    big.write_text("\n".join([lines[0]] + [closed] * 2500) + "\n", encoding="utf-8")
    err = StringIO()
    call_command("import_actors", str(big), stdout=StringIO(), stderr=err)
    assert "… 2000 lignes traitées" in err.getvalue()
