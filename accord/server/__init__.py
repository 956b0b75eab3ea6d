"""The web layer: an HTTP API over the analysis queries and the analysts' dashboard.

``create_app(db_path, allow_ingest=False, token=None)`` builds the FastAPI application; nothing
here computes what the library below does not already offer.
"""

from accord.server.app import create_app

__all__ = ["create_app"]
