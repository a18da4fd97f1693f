"""Fixtures of the agenda tests: an agenda under the home page, item builders and a clock set
to a fixed instant. Every event here is fictitious."""

import datetime

import pytest

from agenda import clock
from agenda.models import AgendaIndexPage, CallForProjectsPage, EventPage

# The tests' "now": Wednesday 10 June 2026, 12:00 in Paris.
NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=clock.PARIS)


@pytest.fixture
def frozen_now(monkeypatch):
    """Sets the agenda's clock; returns a function to move it."""
    current = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["now"])

    def move(instant):
        current["now"] = instant

    return move


@pytest.fixture
def agenda(home_page):
    index = home_page.add_child(instance=AgendaIndexPage(title="Agenda", slug="agenda"))
    index.save_revision().publish()
    return index


def _add(parent, page, publish):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


@pytest.fixture
def make_event(agenda):
    def make(title="Afterwork fictif", *, publish=True, parent=None, **fields):
        return _add(parent or agenda, EventPage(title=title, **fields), publish)

    return make


@pytest.fixture
def make_call(agenda):
    def make(title="Appel fictif", *, publish=True, parent=None, **fields):
        return _add(parent or agenda, CallForProjectsPage(title=title, **fields), publish)

    return make
