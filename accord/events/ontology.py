"""The CAMEO event ontology: codes, labels, Goldstein weights, QuadClass and PLOVER mapping.

Loaded from ``accord/data/cameo_codes.tsv`` (see its header for sources).  Codes are always
strings with their leading zero kept ("0311"): root = first two characters, base = first three.

>>> onto = Ontology.load()
>>> onto.get("0311").label
'Express intent to cooperate economically'
>>> onto.root_of("0311"), onto.base_of("0311")
('03', '031')
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from accord.records import Plover

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "cameo_codes.tsv"

COLUMNS = ("code", "root", "base", "label", "goldstein", "quad_class", "plover_event",
           "plover_mode", "description")

#: QuadClass names, by number.
QUAD_CLASS_LABELS = MappingProxyType({1: "Verbal Cooperation", 2: "Material Cooperation",
                                      3: "Verbal Conflict", 4: "Material Conflict"})


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code.  ``base`` is "" for a two-digit root."""

    code: str
    root: str
    base: str
    label: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    description: str

    @property
    def level(self) -> int:
        """2 for a root, 3 for a base code, 4 for a four-digit code."""
        return len(self.code)

    @property
    def plover(self) -> Plover | None:
        return Plover(self.plover_event, self.plover_mode) if self.plover_event else None


def _check_code(code: str) -> str:
    if not isinstance(code, str):
        raise TypeError(f"CAMEO codes are strings (leading zeros matter), got {code!r}")
    code = code.strip()
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise KeyError(f"not a CAMEO event code: {code!r} (expected 2-4 digits, e.g. '0311')")
    return code


def root_of(code: str) -> str:
    """The two-digit root of a code string ("0311" -> "03")."""
    return _check_code(code)[:2]


def base_of(code: str) -> str:
    """The three-digit base of a code string ("0311" -> "031"); a root stays as it is."""
    code = _check_code(code)
    return code[:3] if len(code) >= 3 else code


def _parse_row(row: dict, where: str) -> CameoCode:
    try:
        code = row["code"].strip()
        if not (code.isdigit() and 2 <= len(code) <= 4):
            raise ValueError(f"bad code {code!r}")
        quad = int(row["quad_class"])
        if quad not in QUAD_CLASS_LABELS:
            raise ValueError(f"bad quad_class {quad}")
        return CameoCode(
            code=code, root=row["root"].strip(), base=row["base"].strip(),
            label=row["label"].strip(), goldstein=float(row["goldstein"]), quad_class=quad,
            plover_event=row["plover_event"].strip() or None,
            plover_mode=row["plover_mode"].strip() or None,
            description=row["description"].strip())
    except (KeyError, ValueError, AttributeError) as exc:
        raise ValueError(f"{where}: {exc}") from exc


class Ontology:
    """All CAMEO codes, read-only.  Build with ``Ontology.load()``."""

    def __init__(self, codes: Mapping[str, CameoCode]):
        self._codes = MappingProxyType(dict(codes))

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Ontology":
        """Read the code table (``#`` lines are comments).  Raises ValueError on a bad row."""
        path = Path(path) if path is not None else DEFAULT_PATH
        codes: dict[str, CameoCode] = {}
        with open(path, encoding="utf-8", newline="") as fh:
            lines = [(n, line) for n, line in enumerate(fh, 1)
                     if line.strip() and not line.startswith("#")]
        if not lines:
            raise ValueError(f"{path}: no rows")
        reader = csv.DictReader((line for _, line in lines), delimiter="\t",
                                quoting=csv.QUOTE_NONE)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        for (lineno, _), row in zip(lines[1:], reader):
            entry = _parse_row(row, f"{path}:{lineno}")
            if entry.code in codes:
                raise ValueError(f"{path}:{lineno}: duplicate code {entry.code}")
            codes[entry.code] = entry
        return cls(codes)

    # -- lookups ------------------------------------------------------------------------------
    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; KeyError naming the code when it is not in CAMEO."""
        key = _check_code(code)
        try:
            return self._codes[key]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code {key!r}; `accord codes` lists them") from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def codes(self) -> list[str]:
        """Every code, in table order (root, then its children)."""
        return list(self._codes)

    def roots(self) -> list[CameoCode]:
        """The 20 two-digit roots, "01" to "20"."""
        return [c for c in self._codes.values() if len(c.code) == 2]

    def children(self, code: str) -> list[CameoCode]:
        """Direct children: the base codes of a root, or the four-digit codes of a base."""
        parent = self.get(code).code
        return [c for c in self._codes.values()
                if len(c.code) == len(parent) + 1 and c.code.startswith(parent)]

    def descendants(self, code: str) -> list[CameoCode]:
        """Every code under ``code`` (children, grandchildren), not the code itself."""
        parent = self.get(code).code
        return [c for c in self._codes.values()
                if len(c.code) > len(parent) and c.code.startswith(parent)]

    def plover(self, code: str) -> Plover | None:
        """The PLOVER event/mode for ``code``; None where PLOVER drops it (roots 01, 02)."""
        return self.get(code).plover

    def root_of(self, code: str) -> str:
        return self.get(code).root

    def base_of(self, code: str) -> str:
        entry = self.get(code)
        return entry.base or entry.code
