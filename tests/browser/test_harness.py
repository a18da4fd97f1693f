"""The harness's own promise: a missing browser skips on a laptop and fails in CI."""

import pytest

from .conftest import skip_or_fail


def test_missing_browser_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium absent"):
        skip_or_fail("Chromium absent")


def test_missing_browser_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        skip_or_fail("Chromium absent")
