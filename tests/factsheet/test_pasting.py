"""A table pasted from a spreadsheet fills a chart's rows: French numbers understood, a message
per unreadable line, the pasted text gone once read."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.utils.translation import override

from factsheet.blocks import ChartBlock
from factsheet.models import FactsheetPage
from factsheet.pasting import PastedRow, parse_number, parse_table
from tests.factsheet.test_admin import add_url, form

# The brochure's breakdown by legal status, as a French spreadsheet copies it (tabs).
STATUSES = "Statut\tPart\nAssociations\t89\nCoopératives\t6\nMutuelles\t5\n"


def chart(paste, rows=(), **overrides):
    raw = {
        "title": "Établissements par statut juridique",
        "chart_type": "donut",
        "paste": paste,
        "rows": [{"label": label, "value": value} for label, value in rows],
        "summary": "89 % d'associations, 6 % de coopératives et 5 % de mutuelles.",
        "kind": "percent",
        "decimals": 0,
    }
    raw.update(overrides)
    return raw


class ParseNumberTests(SimpleTestCase):
    def test_french_and_english_writings(self):
        cases = {
            "3 761": Decimal("3761"),
            "126\u00a0895": Decimal("126895"),
            "126\u202f895": Decimal("126895"),
            "9,5": Decimal("9.5"),
            "1 132,25": Decimal("1132.25"),
            "1.234,5": Decimal("1234.5"),
            "3,761.5": Decimal("3761.5"),
            "1.234.567": Decimal("1234567"),
            "19.2": Decimal("19.2"),
            "89 %": Decimal("89"),
            "7,8%": Decimal("7.8"),
            "\u22125": Decimal("-5"),
            " 196 ": Decimal("196"),
        }
        for written, expected in cases.items():
            with self.subTest(written=written):
                self.assertEqual(parse_number(written), expected)

    def test_words_and_garbage_are_no_numbers(self):
        for written in ["douze", "", "%", "1,2,3", "12 ans", "1e5", "NaN", "--3"]:
            with self.subTest(written=written):
                self.assertIsNone(parse_number(written))


class ParseTableTests(SimpleTestCase):
    def test_tabs_and_a_heading_line(self):
        rows, errors = parse_table(STATUSES)
        self.assertEqual(errors, [])
        self.assertEqual(
            rows,
            [
                PastedRow("Associations", Decimal(89)),
                PastedRow("Coopératives", Decimal(6)),
                PastedRow("Mutuelles", Decimal(5)),
            ],
        )

    def test_semicolons_without_heading_windows_line_ends_and_blank_lines(self):
        rows, errors = parse_table("Emplois ESS;3 761\r\n\r\nÉtablissements employeurs;196\r\n")
        self.assertEqual(errors, [])
        self.assertEqual([r.value for r in rows], [Decimal(3761), Decimal(196)])

    def test_quoted_cells_and_trailing_empty_cells(self):
        rows, errors = parse_table('"Associations; loi 1901";"89,0";;\nMutuelles\t5\t\t\n')
        self.assertEqual(errors, [])
        self.assertEqual(rows[0], PastedRow("Associations; loi 1901", Decimal("89.0")))
        self.assertEqual(rows[1], PastedRow("Mutuelles", Decimal(5)))

    def test_a_message_per_unreadable_line_naming_the_line_and_what_was_written(self):
        text = "Statut\tPart\nAssociations\t89\nCoopératives\tdouze\nMutuelles\n\n\t5\n"
        rows, errors = parse_table(text)
        self.assertEqual(rows, [PastedRow("Associations", Decimal(89))])
        self.assertEqual(
            errors,
            [
                "ligne 3 : « douze » n'est pas un nombre.",
                "ligne 4 : deux colonnes attendues (libellé, valeur), 1 trouvée dans "
                "« Mutuelles ».",
                "ligne 6 : le libellé de la valeur « 5 » est vide.",
            ],
        )
        # In the language of an editor who reads the admin in English.
        with override("en"):
            rows, errors = parse_table(text)
        self.assertEqual(
            errors,
            [
                "line 3: “douze” is not a number.",
                "line 4: two columns expected (label, value), 1 found in “Mutuelles”.",
                "line 6: the label of the value “5” is empty.",
            ],
        )

    def test_three_columns_and_too_long_or_too_precise_values(self):
        text = "A\t1\t2\n" + "B" * 81 + "\t3\nC\t1,2345\n"
        _, errors = parse_table(text)
        self.assertEqual(len(errors), 3)
        self.assertIn("ligne 1 : deux colonnes attendues", errors[0])
        self.assertIn("ligne 2 : le libellé", errors[1])
        self.assertIn("dépasse 80 caractères", errors[1])
        self.assertIn("ligne 3 : « 1,2345 » a trop de chiffres", errors[2])

    def test_only_the_first_line_may_be_headings(self):
        _, errors = parse_table("Associations\t89\nStatut\tPart\n")
        self.assertEqual(errors, ["ligne 2 : « Part » n'est pas un nombre."])


class ChartPasteTests(SimpleTestCase):
    def clean(self, raw):
        block = ChartBlock()
        return block.clean(block.to_python(raw))

    def test_the_pasted_table_becomes_the_rows_and_is_not_kept(self):
        value = self.clean(chart(STATUSES))
        self.assertEqual(
            [(row["label"], row["value"]) for row in value["rows"]],
            [("Associations", 89), ("Coopératives", 6), ("Mutuelles", 5)],
        )
        self.assertEqual(value["paste"], "")
        # What is stored is rows, as if typed one by one.
        stored = ChartBlock().get_prep_value(value)
        self.assertEqual(stored["paste"], "")
        self.assertEqual(stored["rows"][0]["value"]["label"], "Associations")

    def test_it_replaces_rows_already_there_even_an_empty_one(self):
        value = self.clean(chart(STATUSES, rows=[("Associations", "50"), ("", None)]))
        self.assertEqual([row["value"] for row in value["rows"]], [89, 6, 5])

    def test_a_row_already_there_keeps_its_link_to_the_directory(self):
        raw = chart(STATUSES, rows=[("Associations", "50")])
        raw["rows"][0]["directory_filter"] = {"family": "association"}
        value = self.clean(raw)
        self.assertEqual(value["rows"][0]["directory_filter"]["family"], "association")
        self.assertFalse(value["rows"][1]["directory_filter"]["family"])

    def test_errors_per_line_on_the_paste_field_and_the_rows_left_alone(self):
        block = ChartBlock()
        text = "Associations\t89\nCoopératives\tsix\nMutuelles\tcinq\n"
        with self.assertRaises(ValidationError) as caught:
            block.clean(block.to_python(chart(text, rows=[("A", "50"), ("B", "50")])))
        self.assertEqual(list(caught.exception.block_errors), ["paste"])
        self.assertEqual(
            caught.exception.block_errors["paste"].messages,
            [
                "ligne 2 : « six » n'est pas un nombre.",
                "ligne 3 : « cinq » n'est pas un nombre.",
            ],
        )

    def test_a_long_list_of_errors_is_cut_short(self):
        block = ChartBlock()
        text = "\n".join(f"Ligne {n}\tx" for n in range(1, 16))
        with self.assertRaises(ValidationError) as caught:
            block.clean(block.to_python(chart(text)))
        messages = caught.exception.block_errors["paste"].messages
        self.assertEqual(len(messages), 11)
        self.assertEqual(messages[-1], "… et 4 autres lignes à corriger.")
        with override("en"):
            with self.assertRaises(ValidationError) as caught:
                block.clean(block.to_python(chart(text)))
        messages = caught.exception.block_errors["paste"].messages
        self.assertEqual(messages[-1], "… and 4 more lines to correct.")

    def test_headings_alone_are_refused(self):
        block = ChartBlock()
        with self.assertRaises(ValidationError) as caught:
            block.clean(block.to_python(chart("Statut\tPart\n")))
        self.assertIn("Aucune ligne de données", str(caught.exception.block_errors["paste"]))

    def test_the_chart_s_own_checks_apply_to_the_pasted_rows(self):
        block = ChartBlock()
        with self.assertRaises(ValidationError) as caught:
            block.clean(block.to_python(chart("Associations\t89\nCoopératives\t6\n")))
        self.assertIn("rows", caught.exception.block_errors)
        self.assertIn("totaliser 100", str(caught.exception.block_errors["rows"].non_block_errors))

    def test_a_draft_reads_a_good_paste_and_keeps_a_bad_one_as_typed(self):
        block = ChartBlock()
        good = block.clean_deferred(block.to_python(chart(STATUSES)))
        self.assertEqual(len(good["rows"]), 3)
        self.assertEqual(good["paste"], "")
        bad = block.clean_deferred(block.to_python(chart("Associations\tdouze\n")))
        self.assertEqual(bad["paste"], "Associations\tdouze")
        self.assertEqual(len(bad["rows"]), 0)

    def test_translators_are_not_offered_the_paste(self):
        block = ChartBlock()
        self.assertEqual(block.child_blocks["paste"].get_translatable_segments("A\t1"), [])


# Through the admin: the editor's form posts the paste, the page keeps rows.


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def post_with_paste(client, home_page, paste):
    data = form([("Associations", "50"), ("Autres", "50")], "publish")
    data["body-2-value-paste"] = paste  # the chart is the body's third block
    return client.post(add_url(home_page), data)


@pytest.mark.django_db
def test_an_editor_pastes_a_table_publishes_and_the_rows_are_the_page_s(admin_client, home_page):
    response = post_with_paste(admin_client, home_page, STATUSES)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = FactsheetPage.objects.get(slug="chiffres-cles-2")
    [chart_block] = [block for block in page.body if block.block_type == "chart"]
    assert [(r["label"], r["value"]) for r in chart_block.value["rows"]] == [
        ("Associations", 89),
        ("Coopératives", 6),
        ("Mutuelles", 5),
    ]
    assert page.body.raw_data[2]["value"]["paste"] == ""
    html = admin_client.get(page.url).content.decode()
    assert '<th scope="row">Coopératives</th><td class="num">6\u00a0%</td>' in html
    csv = admin_client.get(page.chart_csv_url(chart_block.id)).content.decode()
    assert "Coopératives" in csv and "Mutuelles" in csv


@pytest.mark.django_db
def test_an_unreadable_paste_is_refused_line_by_line_and_kept_in_the_form(admin_client, home_page):
    response = post_with_paste(admin_client, home_page, "Associations\t89\nCoopératives\tdouze\n")
    assert response.status_code == 200
    assert not FactsheetPage.objects.exists()
    # The form's state and its errors travel as JSON in the page (non-ASCII escaped).
    html = unescape(response.content.decode())
    assert '"ligne 2 : \\u00ab douze \\u00bb n\'est pas un nombre."' in html
    assert '"paste": "Associations\\t89\\nCoop\\u00e9ratives\\tdouze' in html  # kept
