"""The imports between the site's apps form no cycle, and docs/architecture.md draws them as
they are (bench/import_graph.py)."""

import textwrap

import grimp
import pytest

from bench import import_graph


def test_the_apps_import_each_other_in_no_cycle_and_only_downwards():
    apps, floors = import_graph.contract()
    edges = import_graph.app_graph(apps)
    assert import_graph.find_cycle(edges) is None
    floor_of = {app: number for number, floor in enumerate(floors) for app in floor}
    upwards = [edge for edge in edges if floor_of[edge[0]] >= floor_of[edge[1]]]
    assert upwards == [], f"imports pointing up or sideways: {upwards}"
    # The drawing means something only if it sees the imports: every app stands on core.
    assert all((app, "core") in edges for app in apps if app != "core")


def test_the_drawing_in_the_docs_is_current():
    apps, floors = import_graph.contract()
    drawing = import_graph.mermaid(import_graph.app_graph(apps), floors)
    doc = import_graph.DOC.read_text(encoding="utf-8")
    assert import_graph.with_drawing(doc, drawing) == doc, "run `make graph` and commit the doc"


@pytest.mark.parametrize(
    ("edges", "cycle"),
    [
        ({("home", "core"): 1, ("directory", "core"): 1}, None),
        ({("core", "home"): 1, ("home", "core"): 1}, ["core", "home", "core"]),
        (
            {("home", "directory"): 1, ("directory", "core"): 1, ("core", "home"): 1},
            ["core", "home", "directory", "core"],
        ),
        ({("a", "b"): 1, ("b", "c"): 1, ("a", "c"): 1}, None),  # a diamond is no cycle
    ],
)
def test_find_cycle(edges, cycle):
    assert import_graph.find_cycle(edges) == cycle


def test_an_app_importing_an_upper_one_makes_a_cycle(tmp_path, monkeypatch):
    """On real packages: a ground that imports the page app above it is caught."""
    files = {
        "ground/__init__.py": "",
        "ground/models.py": "from top import pages\n",  # the arrow back up
        "domain/__init__.py": "",
        "domain/blocks.py": "from ground import models\n",
        "top/__init__.py": "",
        "top/pages.py": "import domain.blocks\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    apps = ["ground", "domain", "top"]
    edges = import_graph.app_graph(apps, grimp.build_graph(*apps, cache_dir=None))
    assert edges == {("ground", "top"): 1, ("domain", "ground"): 1, ("top", "domain"): 1}
    assert import_graph.find_cycle(edges) == ["domain", "ground", "top", "domain"]


def test_the_command_fails_on_a_cycle(monkeypatch, capsys):
    monkeypatch.setattr(
        import_graph, "app_graph", lambda apps: {("core", "home"): 1, ("home", "core"): 1}
    )
    assert import_graph.main([]) == 1
    assert "Import cycle: core → home → core" in capsys.readouterr().err
