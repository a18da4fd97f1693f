"""Log records become single JSON lines a log collector can parse."""

import io
import json
import logging
import runpy
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from gunicorn.config import Config

from core.logging import AccessLogger, JsonFormatter


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


@pytest.fixture
def access_logger(tmp_path):
    """The site's gunicorn logger, its access log in a file (production's goes to stdout)."""
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = AccessLogger(cfg)
    yield logger
    for log in (logger.access_log, logger.error_log):
        for handler in [h for h in log.handlers if getattr(h, "_gunicorn", False)]:
            handler.close()
            log.removeHandler(handler)


def access_lines(logger):
    logger.access_log.handlers[0].flush()
    return Path(logger.cfg.accesslog).read_text(encoding="utf-8").splitlines()


def test_an_access_is_one_json_line_with_the_request_facts(access_logger):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/fr/annuaire/?q=caf%C3%A9",
        "PATH_INFO": "/fr/annuaire/",
        "REMOTE_ADDR": "192.0.2.4",
        # A quote and a line break must not break the line.
        "HTTP_USER_AGENT": 'Navigateur "test"\nv2 é',
        "HTTP_COOKIE": "sessionid=secret",
    }
    response = SimpleNamespace(status="200 OK", sent=12650, headers=[("Set-Cookie", "a=b")])
    access_logger.access(response, None, environ, timedelta(microseconds=2345))

    [line] = access_lines(access_logger)
    entry = json.loads(line)
    assert datetime.fromisoformat(entry.pop("time")).utcoffset() == timedelta(0)
    assert entry == {
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "GET /fr/annuaire/?q=caf%C3%A9 200",
        "status": 200,
        "method": "GET",
        "path": "/fr/annuaire/?q=caf%C3%A9",
        "bytes": 12650,
        "duration_ms": 2.3,
        "remote_addr": "192.0.2.4",
        "user_agent": 'Navigateur "test"\nv2 é',
    }


def test_a_request_gunicorn_rejects_is_logged_too(access_logger):
    # gunicorn's handle_error: a status line set by gunicorn, nothing sent, no headers.
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/" + "a" * 10, "REMOTE_ADDR": "192.0.2.4"}
    response = SimpleNamespace(status="400 Bad Request", sent=0)
    access_logger.access(response, None, environ, timedelta(0))

    entry = json.loads(access_lines(access_logger)[0])
    assert (entry["status"], entry["bytes"], entry["user_agent"]) == (400, 0, None)


def test_an_access_log_that_cannot_be_written_does_not_fail_the_request(
    access_logger, monkeypatch, caplog
):
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(access_logger.access_log.handlers[0], "stream", closed)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/fr/", "REMOTE_ADDR": "192.0.2.4"}
    access_logger.access(SimpleNamespace(status="200 OK", sent=10), None, environ, timedelta(0))
    assert [r.getMessage() for r in caplog.records] == ["Access log line not written"]


def test_gunicorn_conf_makes_gunicorn_use_the_json_access_logger():
    cfg = Config()
    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    cfg.set("logger_class", conf["logger_class"])
    assert cfg.logger_class is AccessLogger
    assert conf["accesslog"] == "-"
