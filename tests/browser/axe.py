"""axe-core in the browser tests: run it on the current page and word what it finds.

The page must let the test inject a script (the `injectable_page` fixture bypasses the CSP).
"""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    """The WCAG 2.1 A and AA violations axe finds on the page: id, help and up to five targets."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
            }));
        }""",
        WCAG_21_AA,
    )


def axe_failures(page, where):
    """One line per violation, prefixed by `where` (the path and width, say), for an
    `assert failures == [], "\\n".join(failures)` that names everything wrong at once."""
    return [f"{where}: {v['id']} ({v['help']}) on {v['targets']}" for v in axe_violations(page)]
