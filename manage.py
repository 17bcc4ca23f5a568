#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huyenuy.settings")
    # The command line is a local tool first: without DEBUG in the environment it
    # runs as a development copy. Production sets DEBUG=0 (README.md, "Deployment");
    # gunicorn (huyenuy/wsgi.py) has no such default and refuses to start without SECRET_KEY.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
