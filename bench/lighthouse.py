"""Lighthouse scores of every public page type, French and English (not a test).

Runs Lighthouse 12.2.3 (mobile emulation, its default) with Debian's Chromium against a running
site — `make run` in another shell — on one page of each public type in each language, found
in the site's database the way the browser tests find them (tests/browser/public_pages.py), plus
a directory search. Prints the four scores of each page (performance, accessibility, best
practices, SEO) and every audit that cost a point; exits 1 if any score is below 100. With
--write, puts the table in docs/benchmarks.md between its markers.

Lighthouse comes from npm, installed once into .lighthouse/ (needs Node ≥ 18 and npm).

    python bench/lighthouse.py [--base http://127.0.0.1:8000] [--write]

DATABASE_URL must name the running site's database (default: the SQLite file of `make run`).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
INSTALL_DIR = PROJECT / ".lighthouse"
LIGHTHOUSE = INSTALL_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORT = PROJECT / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- make lighthouse: start -->", "<!-- make lighthouse: end -->"
# Beyond the page types: a results page of the directory's search.
EXTRA_PATHS = ["/fr/annuaire/?q=insertion", "/en/directory/?q=insertion"]


def public_paths():
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_site.settings.dev")
    import django

    django.setup()
    from tests.browser.public_pages import public_page_samples

    return [(f"{s.language} {s.kind}", s.path) for s in public_page_samples()] + [
        (f"{path[1:3]} directory search", path) for path in EXTRA_PATHS
    ]


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        print(f"Installing Lighthouse {LIGHTHOUSE_VERSION} into {INSTALL_DIR} …", flush=True)
        INSTALL_DIR.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(INSTALL_DIR), "--save-exact",
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip


def lost(audit_result):
    score = audit_result.get("score")  # None: not applicable or informative
    return score is not None and score < 1


def audit(url):
    """The four scores (0–100) of `url` and the audits that lost points."""
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        for attempt in (1, 2):  # a trace is sometimes lost on a loaded machine (NO_NAVSTART)
            done = subprocess.run(
                [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output.name}",
                 "--chrome-flags=--headless=new --no-sandbox"],
                check=attempt == 2, env={**os.environ, "CHROME_PATH": CHROMIUM},
            )  # fmt: skip
            if done.returncode == 0:
                break
        result = json.load(output)
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    misses = [
        f"{name}: {ref['id']}"
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"] and lost(result["audits"][ref["id"]])
    ]
    return scores, misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    install_lighthouse()
    rows, failed = [], False
    for name, path in public_paths():
        print(f"{name}: {path}", flush=True)
        scores, misses = audit(args.base + path)
        failed |= any(score < 100 for score in scores.values())
        rows.append(
            f"| {name} | `{path}` | " + " | ".join(str(scores[c]) for c in CATEGORIES)
            + f" | {'; '.join(misses)} |"
        )  # fmt: skip
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=PROJECT
    ).stdout.strip()
    report = "\n".join(
        [
            f"{stamp}, commit {commit}, Lighthouse {LIGHTHOUSE_VERSION}, mobile emulation, "
            f"Chromium headless, against {args.base}.",
            "",
            "| page | path | performance | accessibility | best practices | SEO | lost points |",
            "|---|---|---:|---:|---:|---:|---|",
            *rows,
        ]
    )
    print(report)
    if args.write:
        text = REPORT.read_text()
        before, _, rest = text.partition(MARK_START)
        _, _, after = rest.partition(MARK_END)
        REPORT.write_text(f"{before}{MARK_START}\n{report}\n{MARK_END}{after}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
