"""The WSGI entry point: ``waitress-serve wsgi:app``, ``gunicorn wsgi:app`` or ``flask run``."""

from searchsvc import create_app

app = create_app()
