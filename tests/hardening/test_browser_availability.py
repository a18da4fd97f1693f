"""`make test` runs the browser tests only when .ci/chromium finds (or installs) Chromium;
otherwise one line says why and how to enable them, and under CI=true the run fails."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "chromium"


def run(**env):
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(SCRIPT)],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_present_browser_says_nothing():
    result = run(CHROMIUM_PATH=sys.executable)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_missing_browser_skips_with_one_line_saying_how_to_enable_it():
    result = run(CHROMIUM_PATH="/nonexistent/chromium")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "Browser tests skipped: no Chromium at /nonexistent/chromium (to run them, install "
        "Debian's chromium (apt-get install chromium, as root) or set CHROMIUM_PATH)"
    ]


def test_under_ci_a_missing_browser_is_a_failure():
    result = run(CHROMIUM_PATH="/nonexistent/chromium", CI="true")
    assert result.returncode == 1
    assert result.stdout.startswith("Browser tests FAILED: no Chromium at /nonexistent/chromium")
