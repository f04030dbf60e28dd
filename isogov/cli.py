"""The `isogov` console script: Django's management commands under the project's name."""
import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    args = argv if argv is not None else sys.argv
    if args[1:2] == ["demo"]:
        # Loading the demo signs nothing, so it may run on the public development key (settings.py).
        os.environ.setdefault("ISOGOV_DEMO", "1")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from isogov.conf import make_folders

    try:
        make_folders()  # migrate, runserver and demo need the SQLite file's folder; settings.py creates nothing
    except ImproperlyConfigured:
        pass  # a setting is wrong: Django's own start-up says which, with the command's usage
    execute_from_command_line(args)
    return 0
