"""Do two corpora hold the same articles, copies and stories? Article by article, in id order.

The engines and backends promise identical corpora from the same stream (issue 14). This reads
two corpora (SQLite files or PostgreSQL URLs, in any mix) and compares each article's content
hash, the article it is marked a copy of, and its story, up to the shorter corpus's length (a
run still going is compared on what it has committed). Story ids may be numbered differently:
two stories are the same when they hold the same articles so far. Prints the first differences
and their count.

    python3 benchmarks/compare_corpora.py /dev/shm/a.db "postgresql://postgres@/b?host=/tmp/pg&port=55432"
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsweave.corpus.store import is_database_url  # noqa: E402

ROWS = ("SELECT a.id, a.content_hash, a.story_id, c.content_hash FROM articles a "
        "LEFT JOIN articles c ON c.id = a.copy_of ORDER BY a.id")


def rows(corpus: str) -> list[tuple]:
    if is_database_url(corpus):
        import psycopg

        with psycopg.connect(corpus) as conn:
            return list(conn.execute(ROWS))
    with sqlite3.connect(f"file:{corpus}?mode=ro", uri=True) as conn:
        return list(conn.execute(ROWS))


def differences(first: list[tuple], second: list[tuple]) -> list[str]:
    found = []
    stories: dict[int, int] = {}  # first's story id -> second's
    back: dict[int, int] = {}
    for (id_a, hash_a, story_a, copy_a), (id_b, hash_b, story_b, copy_b) in zip(first, second, strict=False):
        if hash_a != hash_b:
            found.append(f"article {id_a} / {id_b}: different texts; the streams part here")
            break
        same_story = stories.setdefault(story_a, story_b) == story_b and back.setdefault(story_b, story_a) == story_a
        if not same_story or copy_a != copy_b:
            found.append(f"article {id_a}: story {story_a} / {story_b}, copy of {(copy_a or '-')[:12]} / {(copy_b or '-')[:12]}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--show", type=int, default=10, help="differences listed (all are counted)")
    args = parser.parse_args(argv)
    first, second = rows(args.first), rows(args.second)
    found = differences(first, second)
    print(f"{len(first):,} and {len(second):,} articles; compared {min(len(first), len(second)):,}; "
          f"{len(found)} difference(s)")
    for line in found[: args.show]:
        print("  " + line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
