"""Benchmark: load the full Phoenix PETRARCH2 dictionaries into the actor lexicon and check a code.

Prints the load time (built-in knowledge + Phoenix actors and agents) and checks that
"SERGEY_LAVROV" resolves to RUSGOV for a 2015 story.  Not a timed test: run it by hand,
``.venv/bin/python scripts/bench_dictionaries.py [PHOENIX_DIR]``; the target is under 3 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from accord.actors.lexicon import load_actor_lexicon, norm
from accord.config import Settings

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "dictionaries" / "phoenix"
TARGET_SECONDS = 3.0


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    actors = tuple(sorted(folder.glob("*.actors.txt")))
    agents = tuple(sorted(folder.glob("*.agents.txt")))
    if not actors:
        print(f"no *.actors.txt in {folder}", file=sys.stderr)
        return 2
    settings = Settings(actor_dictionaries=actors, agent_dictionaries=agents)
    started, cpu_started = time.perf_counter(), time.process_time()
    lexicon = load_actor_lexicon(settings)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    entry = lexicon.lookup_named(norm("SERGEY LAVROV"))
    code = entry.code_on("2015-06-01") if entry else None
    print(f"files: {', '.join(p.name for p in actors + agents)}")
    print(f"named entries: {len(lexicon.named):,}  role entries: {len(lexicon.roles):,}  "
          f"prefixes: {len(lexicon.prefixes):,}")
    print(f"load time: {elapsed:.2f} s wall, {cpu:.2f} s CPU (target < {TARGET_SECONDS:.0f} s; "
          f"on a busy machine the CPU time is the fairer figure)")
    print(f"SERGEY_LAVROV on 2015-06-01 -> {code}")
    ok = code == "RUSGOV" and min(elapsed, cpu) < TARGET_SECONDS
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
