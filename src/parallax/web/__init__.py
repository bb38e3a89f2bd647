"""Read-only web UI and JSON API (``parallax.web.app.create_app``).

Kept import-free so that ``parallax.compare.render`` can use the templates in this package
without pulling in FastAPI.
"""
