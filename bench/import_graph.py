"""Draw the imports between the site's apps and check that they form no cycle.

    make graph                                   # rewrite the drawing in docs/architecture.md
    .venv/bin/python -m bench.import_graph       # print it (Mermaid)
    .venv/bin/python -m bench.import_graph --dot # print it as Graphviz DOT
    .venv/bin/python -m bench.import_graph --counts  # each arrow with its importing modules

The apps and their floors are read from pyproject.toml's import-linter contract, the imports
from the code by grimp (import-linter's own engine): an arrow goes from an app to an app one
of its modules imports. The drawing leaves out how many modules do (printed with --counts), so
that it changes only when an app starts or stops depending on another. `lint-imports` keeps the
arrows pointing down; this shows them, and `tests/test_import_graph.py` checks that the
drawing is current and has no cycle. Exit status 1 when the apps import each other in a circle.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- import-graph: begin -->", "<!-- import-graph: end -->"


def contract(pyproject=ROOT / "pyproject.toml"):
    """(apps, floors): the contract's root packages, and its layers from the top down, each a
    list of apps (a layer "a | b" holds independent apps)."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    return config["root_packages"], [[app.strip() for app in layer.split("|")] for layer in layers]


def app_graph(apps, graph=None):
    """{(importer, imported): number of the importer's modules importing the other app}."""
    if graph is None:
        graph = grimp.build_graph(*apps, cache_dir=None)
    edges = {}
    for importer in apps:
        modules = graph.find_descendants(importer) | {importer}
        for imported in apps:
            if imported == importer:
                continue
            targets = graph.find_descendants(imported) | {imported}
            count = sum(
                1 for module in modules if graph.find_modules_directly_imported_by(module) & targets
            )
            if count:
                edges[importer, imported] = count
    return edges


def find_cycle(edges):
    """A list of apps [a, b, …, a] that import each other in a circle, or None."""
    following = {}
    for importer, imported in sorted(edges):
        following.setdefault(importer, []).append(imported)
    state = {}  # app -> "open" while on the current path, "done" once explored

    def visit(app, path):
        state[app] = "open"
        for nxt in following.get(app, []):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[app] = "done"
        return None

    for app in sorted(following):
        if app not in state and (cycle := visit(app, [app])):
            return cycle
    return None


def _arrow(count, counts):
    return f"|{count}| " if counts else ""


def mermaid(edges, floors, counts=False):
    """The graph as a Mermaid flowchart, one row of boxes per floor, top floor first."""
    lines = ["```mermaid", "flowchart TD"]
    for number, floor in enumerate(floors):
        lines.append(f'  subgraph floor{number}["{" · ".join(floor)}"]')
        lines += [f"    {app}" for app in floor]
        lines.append("  end")
    for (importer, imported), count in sorted(edges.items()):
        lines.append(f"  {importer} -->{_arrow(count, counts)}{imported}")
    lines.append("```")
    return "\n".join(lines)


def dot(edges, floors, counts=False):
    lines = ["digraph apps {", "  rankdir=TB;"]
    for floor in floors:
        lines.append("  { rank=same; " + " ".join(f'"{app}";' for app in floor) + " }")
    for (importer, imported), count in sorted(edges.items()):
        label = f' [label="{count}"]' if counts else ""
        lines.append(f'  "{importer}" -> "{imported}"{label};')
    lines.append("}")
    return "\n".join(lines)


def with_drawing(text, drawing):
    """`text` with the part between the markers replaced by `drawing`."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise ValueError(f"{DOC.name} has no {BEGIN} … {END} markers")
    return pattern.sub(lambda _match: f"{BEGIN}\n{drawing}\n{END}", text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dot", action="store_true", help="Graphviz DOT instead of Mermaid")
    parser.add_argument("--write", action="store_true", help=f"rewrite the drawing in {DOC}")
    parser.add_argument(
        "--counts", action="store_true", help="label each arrow with its importing modules"
    )
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    apps, floors = contract()
    edges = app_graph(apps)
    drawing = (dot if options.dot else mermaid)(edges, floors, options.counts and not options.write)
    if options.write:
        DOC.write_text(with_drawing(DOC.read_text(encoding="utf-8"), drawing), encoding="utf-8")
        print(f"{DOC.relative_to(ROOT)}: {len(edges)} arrows between {len(apps)} apps")
    else:
        print(drawing)
    if cycle := find_cycle(edges):
        print("Import cycle: " + " → ".join(cycle), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
