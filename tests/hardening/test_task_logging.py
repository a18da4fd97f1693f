"""Under the production settings a background task that succeeds logs nothing (django_tasks
would log it twice at INFO: started, finished); one that fails logs one ERROR line."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
RUN_TASKS = """
import django
django.setup()
from wagtail.tasks import delete_file_from_storage_task as delete
storage = ("django.core.files.storage.FileSystemStorage", [], {"location": %r})
delete.enqueue(storage, "absent.txt")
delete.enqueue(storage, "../outside.txt")
"""


def production_log_lines(tmp_path):
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", RUN_TASKS % str(tmp_path)],
        cwd=PROJECT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
            "SECRET_KEY": "test-only-not-secret-but-long-enough-for-the-deploy-check-0123",
            "ALLOWED_HOSTS": "ess.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_only_the_failed_task_is_logged_under_production_settings(tmp_path):
    task_lines = [
        line for line in production_log_lines(tmp_path) if line["logger"] == "django_tasks"
    ]
    assert [(line["level"], "state=FAILED" in line["message"]) for line in task_lines] == [
        ("ERROR", True)
    ]
