"""Story deduplication: near-duplicate articles (wire copy, re-posts, updates) grouped by MinHash/LSH.

Text in, clusters out.  An article's signature is the MinHash of its word shingles (lower-cased
word 3-grams of the cleaned text); ``StoryClusterer`` keeps a datasketch ``MinHashLSH`` index and
puts each new article in the cluster of its most similar earlier article when their estimated
Jaccard similarity reaches the threshold, otherwise it starts a new cluster named after itself.
Clusters therefore grow in arrival order and an earlier article never changes cluster.  Articles
whose publication dates are more than ``MAX_DAYS`` apart are never matched (templated periodic
reports look alike but are different stories); an undated article matches on text alone.
Signatures are plain bytes (``to_bytes``/``from_bytes``) so a store can persist them and rebuild
the index on the next run.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
#: Estimated Jaccard similarity of shingle sets from which two articles are one story.
THRESHOLD = 0.4
#: Two articles further apart in publication date than this are never one story (wire copy
#: and updates follow within days; a weekly report with the same template is a new story).
MAX_DAYS = 3
SHINGLE_WORDS = 3
#: Fixed so that signatures computed in different runs and processes are comparable.
SEED = 1
#: datasketch's hashing scheme, named explicitly so that stored hash values stay comparable.
SCHEME = "affine32"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, case and spacing differences do not count."""
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of word k-grams of ``text`` (the words themselves when it is shorter than k)."""
    toks = words(text)
    if len(toks) < k:
        return {t.encode("utf-8") for t in toks}
    return {" ".join(toks[i:i + k]).encode("utf-8") for i in range(len(toks) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> LeanMinHash | None:
    """The MinHash of ``text``'s shingles, or None for a text without words."""
    return signatures([text], num_perm)[0]


def signatures(texts: Iterable[str], num_perm: int = NUM_PERM) -> list[LeanMinHash | None]:
    """MinHashes of many texts at once (shares the permutation set-up); None for empty texts."""
    sets = [shingles(t or "") for t in texts]
    if not sets:
        return []
    hashed = MinHash.bulk([sorted(s) for s in sets], num_perm=num_perm, seed=SEED,
                           scheme=SCHEME)
    return [LeanMinHash(m) if s else None for m, s in zip(hashed, sets)]


def to_bytes(minhash: LeanMinHash) -> bytes:
    """The hash values only (the seed and permutation count are fixed by this module)."""
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(data, dtype=np.uint64),
                       scheme=SCHEME)


class StoryClusterer:
    """Assigns articles to story clusters incrementally; one instance per open store."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM,
                 max_days: int | None = MAX_DAYS):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.max_days = max_days
        self._day: dict[str, int] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._minhash: dict[str, LeanMinHash] = {}
        self._cluster: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._cluster)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._cluster

    def cluster_of(self, doc_id: str) -> str | None:
        return self._cluster.get(doc_id)

    def load(self, doc_id: str, minhash: LeanMinHash | None, cluster_id: str,
             date: _dt.date | str | None = None) -> None:
        """Put back an article whose cluster is already known (rebuilding from a store)."""
        self._cluster[doc_id] = cluster_id
        day = _ordinal(date)
        if day is not None:
            self._day[doc_id] = day
        if minhash is not None:
            self._minhash[doc_id] = minhash
            self._lsh.insert(doc_id, minhash, check_duplication=False)

    def best_match(self, minhash: LeanMinHash, exclude: str | None = None,
                   date: _dt.date | str | None = None) -> tuple[str, float] | None:
        """The most similar known article at or above the threshold (and within ``max_days``
        when both dates are known), with its similarity."""
        best: tuple[str, float] | None = None
        day = _ordinal(date)
        for other in self._lsh.query(minhash):
            if other == exclude:
                continue
            if self.max_days is not None and day is not None and other in self._day and \
                    abs(self._day[other] - day) > self.max_days:
                continue
            sim = minhash.jaccard(self._minhash[other])
            if sim >= self.threshold and (best is None or (sim, other) > (best[1], best[0])):
                best = (other, sim)
        return best

    def add(self, doc_id: str, minhash: LeanMinHash | None,
            date: _dt.date | str | None = None) -> str:
        """Cluster a new (or re-coded) article published on ``date`` and return its cluster id."""
        self.remove(doc_id)
        cluster_id = doc_id
        if minhash is not None:
            match = self.best_match(minhash, exclude=doc_id, date=date)
            if match is not None:
                cluster_id = self._cluster[match[0]]
        self.load(doc_id, minhash, cluster_id, date)
        return cluster_id

    def remove(self, doc_id: str) -> None:
        if doc_id in self._minhash:
            self._lsh.remove(doc_id)
            del self._minhash[doc_id]
        self._cluster.pop(doc_id, None)
        self._day.pop(doc_id, None)

    def clusters(self) -> dict[str, str]:
        """doc_id -> cluster_id for every known article."""
        return dict(self._cluster)


def cluster_texts(items: Iterable[tuple], threshold: float = THRESHOLD,
                  num_perm: int = NUM_PERM, chunk: int = 2000,
                  max_days: int | None = MAX_DAYS) -> dict[str, str]:
    """Cluster ``(doc_id, text)`` or ``(doc_id, text, date)`` items in order; returns
    doc_id -> cluster_id."""
    clusterer = StoryClusterer(threshold, num_perm, max_days)
    batch: list[tuple] = []
    for item in items:
        batch.append(item)
        if len(batch) >= chunk:
            _add_batch(clusterer, batch, num_perm)
            batch = []
    _add_batch(clusterer, batch, num_perm)
    return clusterer.clusters()


def _add_batch(clusterer: StoryClusterer, batch: list[tuple], num_perm: int) -> None:
    for item, mh in zip(batch, signatures((it[1] for it in batch), num_perm)):
        clusterer.add(item[0], mh, item[2] if len(item) > 2 else None)


def _ordinal(date: _dt.date | str | None) -> int | None:
    """A date (or ISO string, timestamps cut to the day) as a day number; None if unknown."""
    if date is None:
        return None
    if isinstance(date, _dt.datetime):
        return date.date().toordinal()
    if isinstance(date, _dt.date):
        return date.toordinal()
    try:
        return _dt.date.fromisoformat(str(date)[:10]).toordinal()
    except ValueError:
        return None


def duplicate_pairs(clusters: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Every unordered pair of articles sharing a cluster, as sorted tuples."""
    members: dict[str, list[str]] = {}
    for doc_id, cluster_id in clusters.items():
        members.setdefault(cluster_id, []).append(doc_id)
    for docs in members.values():
        docs.sort()
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                yield (a, b)
