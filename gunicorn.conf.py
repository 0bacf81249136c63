"""Gunicorn reads ./gunicorn.conf.py by default: plain `gunicorn "api:create_app()"` gets our hooks."""

from api.gunicorn_conf import *  # noqa: F403
from api.gunicorn_conf import on_exit, on_starting, post_fork  # noqa: F401
