"""The FastAPI application factory: opens the store, mounts the API, the dashboard and Plotly's JS.

``create_app(db_path, allow_ingest=False, token=None)`` returns a new application holding its
own ``ServerState`` (no module-level state).  Without ingest the database is opened read-only;
with ingest one read-write ``Store`` is kept open (DuckDB allows one writer process) and the
queries run on a cursor of its connection.  Plotly's JavaScript is served from the installed
``plotly`` package: nothing is fetched from a CDN.
"""

from __future__ import annotations

import hmac
import importlib.resources
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from accord.analysis import Dataset

STATIC = Path(__file__).resolve().parent / "static"

#: The dashboard's pages and scripts come from this app only (no CDN, no inline script).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' "
                           "'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
                           "frame-ancestors 'none'")


def plotly_js_path() -> Path:
    """Where the installed ``plotly`` wheel keeps its bundled ``plotly.min.js``."""
    path = Path(str(importlib.resources.files("plotly") / "package_data" / "plotly.min.js"))
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js not found at {path}: reinstall the plotly package")
    return path


class ServerState:
    """What one application instance holds: the dataset, an optional writer, the lazy pipeline.

    DuckDB connections are not safe to share between threads, and FastAPI runs plain ``def``
    routes in a thread pool: every query and write happens under ``db_lock``.
    """

    def __init__(self, db_path: str | Path, allow_ingest: bool = False, token: str | None = None):
        self.db_path = Path(db_path)
        self.allow_ingest = allow_ingest
        self.token = token
        self.db_lock = threading.Lock()
        self.pipeline_lock = threading.Lock()
        self._pipeline = None
        self.store = None
        self._dataset: Dataset | None = None
        if allow_ingest and not token:
            raise ValueError("ingest needs a token: set ACCORD_TOKEN (POST /api/articles "
                             "is refused without one)")
        self._open()  # fail now, not on the first request, when there is no database

    def _open(self) -> Dataset:
        if self.allow_ingest:
            from accord.store.db import Store

            self.store = Store(self.db_path, batch_size=1)
            self._dataset = Dataset.from_connection(self.store.con.cursor(), self.db_path)
        else:
            self._dataset = Dataset(self.db_path)
        return self._dataset

    @contextmanager
    def reading(self) -> Iterator[Dataset]:
        """The dataset, under ``db_lock``; reopened if the app was shut down and started again
        (an ASGI server may run the lifespan more than once per application object)."""
        with self.db_lock:
            yield self._dataset if self._dataset is not None else self._open()

    @property
    def read_only(self) -> bool:
        return not self.allow_ingest

    def pipeline(self):
        """The coding pipeline, loaded on first use and kept for the life of the app.
        Call with ``pipeline_lock`` held (a Pipeline is not shared between threads)."""
        if self._pipeline is None:
            from accord.config import Settings
            from accord.pipeline import Pipeline

            self._pipeline = Pipeline(Settings())
        return self._pipeline

    def code_and_store(self, mappings: list[dict]) -> list:
        """Code posted articles (JSON objects as the jsonl reader takes them) and store them;
        returns their DocumentResults.  A bad article is a ValueError (a 422)."""
        if not self.allow_ingest:
            raise RuntimeError("this server was started without ingest")
        from accord.ingest.readers import article_from_mapping

        articles = [article_from_mapping(m, origin="<api>", default_date=None) for m in mappings]
        with self.pipeline_lock:
            results = list(self.pipeline().process(articles))
        with self.reading():
            for result in results:
                self.store.write_result(result)
            self.store.flush()
        return results

    def check_token(self, authorization: str | None) -> None:
        """401 without a bearer token, 403 with a wrong one or when ingest is off."""
        if not self.allow_ingest:
            raise HTTPException(403, "ingest is disabled: start the server with --allow-ingest "
                                     "and ACCORD_TOKEN set")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "missing bearer token: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), str(self.token).encode()):
            raise HTTPException(403, "invalid token")

    def close(self) -> None:
        with self.db_lock:
            if self._dataset is not None:
                self._dataset.close()
                self._dataset = None
            if self.store is not None:
                self.store.close()
                self.store = None


def create_app(db_path: str | Path, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """A new Accord web application over the store at ``db_path``.

    Raises FileNotFoundError when there is no store to read (without ingest) and ValueError
    when ingest is asked for without a token.
    """
    from accord.server.api import build_router

    state = ServerState(db_path, allow_ingest=allow_ingest, token=token)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="Accord",
        version=_version(),
        summary="Political event data coded in CAMEO, every event with its evidence.",
        description=("Query the events, dyads, actors, codes and quotes of an Accord store. "
                     "Actor filters match a code or any code that starts with it, or its "
                     "country (`RUS` matches `RUSGOV`). Aggregations count each story event "
                     "once unless `dedup=false`. Offsets (`*_start`, `*_end`) point into the "
                     "article's cleaned text."),
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger page loads from a CDN: /docs is our own page
        redoc_url=None,
    )
    app.state.accord = state
    app.include_router(build_router(state))
    _add_error_handlers(app)
    _add_pages(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        # The library validates every filter and raises ValueError with a readable message.
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(problems) or "invalid request",
                             "errors": _plain_errors(exc.errors())}, status_code=422)


def _plain_errors(errors) -> list[dict]:
    """Validation errors without the raw input or exception objects (not always JSON-able)."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]


def _add_pages(app: FastAPI) -> None:
    plotly = plotly_js_path()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        """The API reference, rendered in the browser from /openapi.json (no CDN)."""
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly, media_type="application/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _version() -> str:
    from accord import __version__

    return __version__
