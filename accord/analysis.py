"""Analysis over a coded event store: event search, dyad time series, top lists, quotes, summary.

``Dataset(path)`` (what ``accord.open`` returns) opens a DuckDB store read-only, or a directory
of Parquet shards written by ``accord export --format parquet`` (queried in place).  Every
method returns pandas DataFrames; every filter is validated (a clear ``ValueError`` for a bad
actor code, root code, date...) and bound as a SQL parameter, never formatted into the SQL, so
the HTTP API can pass user input straight through.

Actor filters match an actor's full code or any code that starts with it, or its country:
``RUS`` matches ``RUS``, ``RUSGOV`` and ``RUSMIL``.  Aggregations (``dyad``, ``top``) count each
story event once (the ``story_rep`` row of near-duplicate articles) unless ``dedup=False``.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from accord.store.schema import TABLE_COLUMNS, create_table_sql

_ACTOR = re.compile(r"^[A-Z0-9]{3,30}$")
_CODE = re.compile(r"^\d{2,4}$")
_PERIODS = ("day", "week", "month", "year")
MAX_LIMIT = 100_000
QUAD_COLUMNS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


# -- validation (public: the CLI and the server reuse it) --------------------------------------
def actor_code(value: Any, what: str = "actor") -> str:
    """``rus`` -> ``RUS``; a ValueError for anything that is not a CAMEO-style actor code."""
    code = str(value).strip().upper()
    if not _ACTOR.match(code):
        raise ValueError(f"{what} must be a CAMEO actor code such as RUS or RUSGOV "
                         f"(3-30 letters/digits), got {value!r}")
    return code


def root_code(value: Any) -> str:
    """``3``, ``"3"`` or ``"03"`` -> ``"03"``; CAMEO roots run from 01 to 20."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20 or len(text) > 2:
        raise ValueError(f"root code must be a CAMEO root from 01 to 20, got {value!r}")
    return f"{int(text):02d}"


def event_code(value: Any) -> str:
    code = str(value).strip()
    if not _CODE.match(code) or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"event code must be a CAMEO code of 2-4 digits with its leading zero "
                         f"(e.g. 0311, 042, 19), got {value!r}")
    return code


def iso_date(value: Any, what: str = "date") -> _dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{what} must be a date as YYYY-MM-DD, got {value!r}") from None


def period(value: str) -> str:
    if value not in _PERIODS:
        raise ValueError(f"by must be one of {', '.join(_PERIODS)}, got {value!r}")
    return value


def _limit(limit: Any, offset: Any) -> tuple[int, int]:
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise ValueError(f"limit and offset must be integers, got {limit!r}, {offset!r}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, got {offset}")
    return limit, offset


class _Where:
    """Collects SQL conditions with their bound parameters."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def actor(self, prefix: str, code: str | None) -> None:
        if code is not None:
            self.add(f"({prefix}_country = ? OR starts_with({prefix}_code, ?))", code, code)

    def dates(self, column: str, date_from: Any, date_to: Any) -> None:
        start, end = iso_date(date_from, "date_from"), iso_date(date_to, "date_to")
        if start and end and start > end:
            raise ValueError(f"date_from {start} is after date_to {end}")
        if start:
            self.add(f"{column} >= ?", start)
        if end:
            self.add(f"{column} <= ?", end)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.conds)) if self.conds else ""


def _match(prefix: str) -> str:
    return f"({prefix}_country = ? OR starts_with({prefix}_code, ?))"


class Dataset:
    """Read-only queries over an Accord store (DuckDB file) or a Parquet export directory."""

    def __init__(self, db_path: str | Path = "accord.duckdb"):
        path = Path(db_path)
        if not path.exists():
            raise FileNotFoundError(f"no Accord database at {path}: create one with "
                                    f"`accord code FILES --db {path}`")
        self.path = path
        if path.is_dir():
            self.con = duckdb.connect()
            self._attach_parquet(path)
        else:
            try:
                self.con = duckdb.connect(str(path), read_only=True)
            except duckdb.IOException as exc:
                raise RuntimeError(f"cannot read {path} while another process writes it "
                                   f"(DuckDB allows one writer and no readers then): {exc}") from exc

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection, path: str | Path) -> "Dataset":
        """Queries over an already open connection (e.g. a cursor of a read-write ``Store``:
        DuckDB will not open one file read-only and read-write in the same process)."""
        ds = cls.__new__(cls)
        ds.path, ds.con = Path(path), con
        return ds

    def _attach_parquet(self, root: Path) -> None:
        from accord.store.parquet import parquet_glob

        for table in TABLE_COLUMNS:
            glob = parquet_glob(root, table)
            if glob is None:
                self.con.execute(create_table_sql(table).replace("IF NOT EXISTS ", ""))
            else:  # a path cannot be a bound parameter in DDL: quoted instead
                self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
                                 f"'{_sql_string(glob)}', union_by_name = true)")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    # -- events --------------------------------------------------------------------------------
    def event_filter(self, source=None, target=None, country=None, root=None, code=None,
                     date_from=None, date_to=None, text=None, dedup: bool = False) -> _Where:
        """The WHERE clause shared by ``events`` and the exports (validated, parameterised)."""
        where = _Where()
        where.actor("source", actor_code(source, "source") if source is not None else None)
        where.actor("target", actor_code(target, "target") if target is not None else None)
        if country is not None:
            c = actor_code(country, "country")
            where.add("(source_country = ? OR target_country = ? OR location_country = ?)", c, c, c)
        if root is not None:
            where.add("root_code = ?", root_code(root))
        if code is not None:
            c = event_code(code)
            where.add("starts_with(code, ?)", c)
        where.dates("date", date_from, date_to)
        if text is not None and str(text).strip():
            pattern = re.sub(r"([\\%_])", r"\\\1", str(text).strip())
            where.add("sentence ILIKE ? ESCAPE '\\'", f"%{pattern}%")
        if dedup:
            where.add("story_rep")
        return where

    def events(self, source=None, target=None, country=None, root=None, code=None,
               date_from=None, date_to=None, text=None, limit: int = 100, offset: int = 0,
               dedup: bool = False) -> pd.DataFrame:
        """Events matching every given filter, newest first, one flat row each."""
        limit, offset = _limit(limit, offset)
        where = self.event_filter(source, target, country, root, code, date_from, date_to, text,
                                  dedup)
        order = "date DESC NULLS LAST, doc_id, sentence_index, event_id"
        # Sort narrow rows first, then fetch the wide ones: much faster on millions of events.
        sql = (f"SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events {where.sql()} "
               f"ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
        if self.path.is_dir():  # Parquet views have no rowid
            sql = f"SELECT * FROM events {where.sql()} ORDER BY {order} LIMIT ? OFFSET ?"
        return self._df(sql, where.params + [limit, offset])

    def count_events(self, **filters) -> int:
        where = self.event_filter(**filters)
        return int(self.con.execute(f"SELECT count(*) FROM events {where.sql()}",
                                    where.params).fetchone()[0])

    # -- dyads ---------------------------------------------------------------------------------
    def dyad(self, a: str, b: str, by: str = "week", date_from=None, date_to=None,
             directed: bool = False, dedup: bool = True) -> pd.DataFrame:
        """Events between actors ``a`` and ``b`` per period: counts per QuadClass, Goldstein sum and
        mean.  ``direction`` is ``A->B``, ``B->A`` and ``A<->B`` (both together); with
        ``directed=True`` only ``A->B``."""
        a, b, by = actor_code(a, "a"), actor_code(b, "b"), period(by)
        where = _Where()
        ab = f"({_match('source')} AND {_match('target')})"
        if directed:
            where.add(ab, a, a, b, b)
        else:
            where.add(f"({ab} OR {ab})", a, a, b, b, b, b, a, a)
        where.add("date IS NOT NULL")
        where.dates("date", date_from, date_to)
        if dedup:
            where.add("story_rep")
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}"
                          for q, name in QUAD_COLUMNS.items())
        aggregates = (f"count(*) AS events, {quads}, sum(goldstein) AS goldstein_sum, "
                      f"avg(goldstein) AS goldstein_mean")
        sql = f"""
            WITH m AS (
                SELECT CAST(date_trunc('{by}', date) AS DATE) AS period,
                       CASE WHEN {ab} THEN ? ELSE ? END AS direction, quad_class, goldstein
                FROM events {where.sql()})
            SELECT period, direction, {aggregates} FROM m GROUP BY period, direction
            {'' if directed else f"UNION ALL SELECT period, ? AS direction, {aggregates} FROM m GROUP BY period"}
            ORDER BY period, direction"""
        params = [a, a, b, b, f"{a}->{b}", f"{b}->{a}", *where.params]
        if not directed:
            params.append(f"{a}<->{b}")
        return self._df(sql, params)

    # -- top lists -----------------------------------------------------------------------------
    def top(self, kind: str = "dyads", n: int = 10, date_from=None, date_to=None, root=None,
            level: str = "country", dedup: bool = True) -> pd.DataFrame:
        """The ``n`` most frequent ``dyads`` (directed source->target), ``actors`` (either side)
        or ``codes``; ``level`` is ``country`` (RUS) or ``code`` (RUSGOV) for actors."""
        if kind not in ("dyads", "actors", "codes"):
            raise ValueError(f"kind must be dyads, actors or codes, got {kind!r}")
        if level not in ("country", "code"):
            raise ValueError(f"level must be country or code, got {level!r}")
        n, _ = _limit(n, 0)
        where = self.event_filter(root=root, date_from=date_from, date_to=date_to, dedup=dedup)
        # an actor without a country (an unidentified group) is shown by its code
        src, tgt = (("coalesce(source_country, source_code)", "coalesce(target_country, target_code)")
                    if level == "country" else ("source_code", "target_code"))
        stats = ("count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions, "
                 "sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean")
        if kind == "dyads":
            sql = (f"SELECT {src} AS source, {tgt} AS target, {stats} FROM events "
                   f"{where.sql()} {'AND' if where.conds else 'WHERE'} target_code IS NOT NULL "
                   f"GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?")
        elif kind == "actors":
            sql = (f"WITH sides AS (SELECT {src} AS actor, num_mentions, goldstein, "
                   f"'source' AS side FROM events {where.sql()} UNION ALL SELECT {tgt}, "
                   f"num_mentions, goldstein, 'target' FROM events {where.sql()}) "
                   f"SELECT actor, count(*) AS events, count(*) FILTER (WHERE side = 'source') "
                   f"AS as_source, count(*) FILTER (WHERE side = 'target') AS as_target, "
                   f"CAST(sum(num_mentions) AS BIGINT) AS mentions, avg(goldstein) AS goldstein_mean FROM sides "
                   f"WHERE actor IS NOT NULL GROUP BY actor ORDER BY events DESC, actor LIMIT ?")
            return self._df(sql, where.params + where.params + [n])
        else:
            sql = (f"SELECT code, any_value(label) AS label, any_value(root_code) AS root_code, "
                   f"any_value(quad_class) AS quad_class, {stats} FROM events {where.sql()} "
                   f"GROUP BY code ORDER BY events DESC, code LIMIT ?")
        return self._df(sql, where.params + [n])

    # -- places ------------------------------------------------------------------------------
    def places(self, n: int = 500, date_from=None, date_to=None, root=None,
               dedup: bool = True) -> pd.DataFrame:
        """The ``n`` places with most events (events with a located lat/lon): name, country,
        lat, lon, event count per QuadClass and mean Goldstein."""
        n, _ = _limit(n, 0)
        where = self.event_filter(root=root, date_from=date_from, date_to=date_to, dedup=dedup)
        where.add("location_lat IS NOT NULL AND location_lon IS NOT NULL")
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}"
                          for q, name in QUAD_COLUMNS.items())
        return self._df(f"SELECT location_name AS name, location_country AS country, "
                        f"location_lat AS lat, location_lon AS lon, count(*) AS events, {quads}, "
                        f"avg(goldstein) AS goldstein_mean FROM events {where.sql()} "
                        f"GROUP BY ALL ORDER BY events DESC, name LIMIT ?", where.params + [n])

    # -- quotes, articles, summary ---------------------------------------------------------
    def quotes(self, speaker=None, text=None, date_from=None, date_to=None, limit: int = 100,
               offset: int = 0) -> pd.DataFrame:
        """Quotes, optionally by speaker (code prefix or country), text and article date."""
        limit, offset = _limit(limit, offset)
        where = _Where()
        where.actor("q.speaker", actor_code(speaker, "speaker") if speaker is not None else None)
        where.dates("a.date", date_from, date_to)
        if text is not None and str(text).strip():
            pattern = re.sub(r"([\\%_])", r"\\\1", str(text).strip())
            where.add("q.text ILIKE ? ESCAPE '\\'", f"%{pattern}%")
        return self._df(f"SELECT q.*, a.date, a.title, a.url, a.source FROM quotes q "
                        f"LEFT JOIN articles a USING (doc_id) {where.sql()} "
                        f"ORDER BY a.date DESC NULLS LAST, q.doc_id, q.start LIMIT ? OFFSET ?",
                        where.params + [limit, offset])

    def article(self, doc_id: str) -> dict:
        """One article with everything coded from it: ``{"article": dict, "events", "actors",
        "quotes", "sentences", "errors": DataFrames}``; KeyError when unknown."""
        doc_id = str(doc_id)
        found = self._df("SELECT * FROM articles WHERE doc_id = ?", [doc_id])
        if found.empty:
            raise KeyError(f"no article with doc_id {doc_id!r}")
        out: dict = {"article": found.iloc[0].to_dict()}
        order = {"events": "sentence_index, trigger_start", "actors": "start",
                 "quotes": "start", "sentences": "sentence_index", "errors": "recorded_at"}
        for table, by in order.items():
            out[table] = self._df(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {by}", [doc_id])
        return out

    def summary(self, n: int = 10) -> dict:
        """What is in the store: ``counts`` (one row), ``by_root``, ``by_quad``, ``top_dyads``."""
        counts = self._df("""
            SELECT a.documents, a.coded, (SELECT count(DISTINCT doc_id) FROM errors) AS failed,
                   e.events, e.story_events, a.stories,
                   (SELECT count(*) FROM quotes) AS quotes,
                   (SELECT count(*) FROM actors) AS actor_mentions, e.first_date, e.last_date
            FROM (SELECT count(*) AS documents, count(*) FILTER (WHERE status = 'ok') AS coded,
                         count(DISTINCT cluster_id) AS stories FROM articles) a,
                 (SELECT count(*) AS events, count(*) FILTER (WHERE story_rep) AS story_events,
                         min(date) AS first_date, max(date) AS last_date FROM events) e""")
        by_root = self._df("SELECT root_code, count(*) FILTER (WHERE story_rep) AS events, "
                           "count(*) AS mentions, avg(goldstein) AS goldstein_mean FROM events "
                           "GROUP BY root_code ORDER BY root_code")
        labels = _root_labels()
        by_root.insert(1, "label", [labels.get(str(r), "") for r in by_root["root_code"]])
        by_quad = self._df("SELECT quad_class, count(*) FILTER (WHERE story_rep) AS events, "
                           "count(*) AS mentions FROM events GROUP BY quad_class ORDER BY quad_class")
        by_quad.insert(1, "label", [_QUAD_LABELS.get(q, "") for q in by_quad["quad_class"]])
        return {"counts": counts, "by_root": by_root, "by_quad": by_quad,
                "top_dyads": self.top("dyads", n=n)}


_QUAD_LABELS = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
                4: "Material Conflict"}


def _root_labels() -> dict[str, str]:
    """CAMEO root code -> label, from the ontology (a label is a nicety: {} when unavailable)."""
    try:
        from accord.events.ontology import Ontology

        return {c.code: c.label for c in Ontology.load().roots()}
    except Exception:
        return {}


def _sql_string(value: str) -> str:
    return value.replace("'", "''")


def plot_dyad(frame: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Draw a ``Dataset.dyad`` result as a timeline PNG: events per direction (bars) and the mean
    Goldstein score of both directions together (line).  Uses matplotlib's Agg backend."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True,
                                      gridspec_kw={"height_ratios": [2, 1]})
    try:
        directions = [d for d in frame["direction"].unique() if "<->" not in d] if len(frame) else []
        for direction in directions:
            part = frame[frame["direction"] == direction]
            top.plot(pd.to_datetime(part["period"]), part["events"], marker="o", label=direction)
        both = frame[frame["direction"].str.contains("<->")] if len(frame) else frame
        line = both if len(both) else frame
        if len(line):
            bottom.axhline(0, color="grey", linewidth=0.8)
            bottom.plot(pd.to_datetime(line["period"]), line["goldstein_mean"], marker=".",
                        color="black")
        top.set_ylabel("events")
        top.legend(loc="upper left") if directions else None
        bottom.set_ylabel("mean Goldstein")
        bottom.set_ylim(-10.5, 10.5)
        top.set_title(title or "dyad timeline")
        fig.autofmt_xdate()
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)
    return path
