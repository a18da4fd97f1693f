"""Log records become single JSON lines a log collector can parse."""

import json
import logging
import sys

from django.test import RequestFactory

from core.logging import JsonFormatter


def make_record(**extra):
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Erreur sur %s", ("/fr/",), None
    )
    record.__dict__.update(extra)
    return record


def test_a_request_error_is_one_json_line_with_status_and_path():
    request = RequestFactory().get("/fr/annuaire/?q=caf%C3%A9")
    line = JsonFormatter().format(make_record(status_code=500, request=request))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Erreur sur /fr/"
    assert entry["status"] == 500
    assert entry["method"] == "GET"
    assert entry["path"] == "/fr/annuaire/?q=caf%C3%A9"


def test_a_traceback_stays_inside_the_json_line():
    try:
        raise ValueError("valeur inattendue")
    except ValueError:
        record = make_record()
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: valeur inattendue" in json.loads(line)["exception"]
