"""The DuckDB schema of an Accord store: tables, documented views, the version table and migrations.

Tables (one row per record; ``doc_id`` ties everything to its article):

- ``articles``: the cleaned article, ``content_hash`` (sha1 of the cleaned text),
  ``input_hash`` (sha1 of the text as read, before cleaning: what ``Store.is_done`` compares, so
  a resumed run skips it while a changed input is re-coded), ``cluster_id`` (its story, see below), ``status`` (``ok``/``error``) and
  ``coded_at`` (UTC time it was stored).
- ``sentences``, ``actors`` (actor mentions), ``quotes`` (speaker flattened to ``speaker_*``),
  ``errors``.
- ``events``: one flat row per event.  Nested objects become prefixed columns: ``source_code``,
  ``source_country``, ``source_sector``, ``source_text``, ``source_start``/``end``,
  ``source_geo_*``, ``target_*`` (NULL when the event has no target), ``trigger_*``,
  ``plover_event``/``plover_mode``, ``location_*``.  ``date`` is a DATE.  Story columns, kept up to
  date by the store after every batch: ``cluster_id``, ``num_mentions`` (rows of the same story
  event: same cluster, source, target and code, several mentions in one article included, as
  GDELT does), ``num_articles`` (distinct articles), ``num_sources`` (distinct outlets),
  ``is_root_event`` (the event is in the lead of its article: the first sentence, or the
  headline and first sentence when the article has a title) and ``story_rep`` (TRUE on exactly
  one row per story event: the earliest report; aggregate over these to count an event once).
- ``story_clusters``: one row per cluster of near-duplicate articles (syndicated copy, re-posts,
  updates): ``n_articles``, ``n_sources``, ``first_doc_id``, ``first_date``, ``last_date``.
- ``signatures``: the MinHash of each article, so clustering continues across runs.
- ``schema_version``: the applied migrations.

Views (the common questions, ready for SQL users):

- ``events_dedup``: ``events`` with each story event once (``WHERE story_rep``).
- ``dyad_daily``: per day and directed country dyad (``source_country`` -> ``target_country``)
  and QuadClass: ``events`` (deduplicated), ``mentions`` (all reports), ``goldstein_sum`` and
  ``goldstein_mean``.
- ``actor_daily``: per day and source actor code: deduplicated events and Goldstein sum/mean.
- ``code_daily``: per day and CAMEO root code: deduplicated events and mentions.
- ``event_evidence``: each event with its article's title, url, source and date beside it.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

_ACTOR_COLUMNS = [
    ("code", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"), ("text", "VARCHAR"),
    ("start", "INTEGER"), ("end", "INTEGER"), ("name", "VARCHAR"), ("actor_id", "VARCHAR"),
]
_GEO_COLUMNS = [
    ("name", "VARCHAR"), ("country", "VARCHAR"), ("admin1", "VARCHAR"), ("lat", "DOUBLE"),
    ("lon", "DOUBLE"), ("geonames_id", "BIGINT"), ("feature", "VARCHAR"),
]
_LOCATION_COLUMNS = _GEO_COLUMNS + [
    ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("rule", "VARCHAR"),
]


def _prefixed(prefix: str, cols: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(f"{prefix}_{name}", kind) for name, kind in cols]


#: Column name -> DuckDB type, per table, in table order.  Writers build Arrow tables with
#: exactly these columns (see ``accord.store.db``).
TABLE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("doc_id", "VARCHAR"), ("content_hash", "VARCHAR"), ("input_hash", "VARCHAR"),
        ("title", "VARCHAR"),
        ("text", "VARCHAR"), ("date", "DATE"), ("dateline", "VARCHAR"), ("url", "VARCHAR"),
        ("source", "VARCHAR"), ("language", "VARCHAR"), ("author", "VARCHAR"),
        ("path", "VARCHAR"), ("status", "VARCHAR"), ("n_events", "INTEGER"),
        ("cluster_id", "VARCHAR"), ("coded_at", "TIMESTAMP"),
    ],
    "sentences": [
        ("doc_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"),
    ],
    "events": [
        ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("sentence_index", "INTEGER"),
        ("sentence", "VARCHAR"), ("date", "DATE"), ("date_source", "VARCHAR"),
        ("code", "VARCHAR"), ("base_code", "VARCHAR"), ("root_code", "VARCHAR"),
        ("label", "VARCHAR"), ("quad_class", "TINYINT"), ("goldstein", "DOUBLE"),
        ("plover_event", "VARCHAR"), ("plover_mode", "VARCHAR"),
        *_prefixed("source", _ACTOR_COLUMNS), *_prefixed("source_geo", _GEO_COLUMNS),
        *_prefixed("target", _ACTOR_COLUMNS), *_prefixed("target_geo", _GEO_COLUMNS),
        ("trigger_text", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("confidence", "DOUBLE"), ("pattern_id", "VARCHAR"),
        *_prefixed("location", _LOCATION_COLUMNS),
        ("cluster_id", "VARCHAR"), ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"),
        ("num_articles", "INTEGER"), ("is_root_event", "BOOLEAN"), ("story_rep", "BOOLEAN"),
    ],
    "actors": [
        ("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("sentence_index", "INTEGER"),
        ("code", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("kind", "VARCHAR"), ("name", "VARCHAR"),
    ],
    "quotes": [
        ("quote_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("kind", "VARCHAR"),
        ("sentence_index", "INTEGER"), *_prefixed("speaker", _ACTOR_COLUMNS),
        ("cue_text", "VARCHAR"), ("cue_start", "INTEGER"), ("cue_end", "INTEGER"),
    ],
    "errors": [
        ("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("stage", "VARCHAR"), ("reason", "VARCHAR"),
        ("recorded_at", "TIMESTAMP"),
    ],
    "story_clusters": [
        ("cluster_id", "VARCHAR"), ("n_articles", "INTEGER"), ("n_sources", "INTEGER"),
        ("first_doc_id", "VARCHAR"), ("first_date", "DATE"), ("last_date", "DATE"),
    ],
    "signatures": [
        ("doc_id", "VARCHAR"), ("content_hash", "VARCHAR"), ("minhash", "BLOB"),
    ],
}

#: Tables whose rows belong to one document (replaced when the document is re-coded).
DOC_TABLES = ("articles", "sentences", "events", "actors", "quotes", "errors", "signatures")


def _quote(name: str) -> str:
    return f'"{name}"'


def create_table_sql(table: str) -> str:
    cols = ", ".join(f"{_quote(n)} {t}" for n, t in TABLE_COLUMNS[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


VIEWS: dict[str, str] = {
    "events_dedup": "SELECT * FROM events WHERE story_rep",
    "dyad_daily": """
        SELECT date, source_country, target_country, quad_class,
               count(*) FILTER (WHERE story_rep) AS events,
               count(*) AS mentions,
               sum(goldstein) FILTER (WHERE story_rep) AS goldstein_sum,
               avg(goldstein) FILTER (WHERE story_rep) AS goldstein_mean
        FROM events WHERE target_country IS NOT NULL
        GROUP BY ALL""",
    "actor_daily": """
        SELECT date, source_code, count(*) AS events, sum(goldstein) AS goldstein_sum,
               avg(goldstein) AS goldstein_mean
        FROM events WHERE story_rep GROUP BY ALL""",
    "code_daily": """
        SELECT date, root_code, count(*) FILTER (WHERE story_rep) AS events,
               count(*) AS mentions
        FROM events GROUP BY ALL""",
    "event_evidence": """
        SELECT e.*, a.title AS article_title, a.url AS article_url,
               a.source AS article_source, a.date AS article_date
        FROM events e LEFT JOIN articles a USING (doc_id)""",
}


def _migration_1(con) -> None:
    for table in TABLE_COLUMNS:
        con.execute(create_table_sql(table))
    # No ART indexes: DuckDB's zone maps serve the doc_id/cluster_id lookups, and indexes
    # would slow the bulk appends down.


#: Migration n brings a store from version n-1 to n.  Append, never edit, a migration.
MIGRATIONS = {1: _migration_1}


def migrate(con) -> int:
    """Bring the store behind ``con`` to SCHEMA_VERSION; returns the version it was at."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    current = row[0] or 0
    if current > SCHEMA_VERSION:
        raise RuntimeError(f"store has schema version {current}, newer than this Accord "
                           f"({SCHEMA_VERSION}): upgrade Accord")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            MIGRATIONS[version](con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
    return current
