#!/usr/bin/env python
"""The benchmark's floor project (see floor_site/settings.py): `python manage.py runserver`."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "floor_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
