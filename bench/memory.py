"""Peak memory and time of one check with a very long article (0.5, 2 and 5 MB by default).

Each size runs in a fresh process (``--child``) so its peak resident memory is its own:
one generated article of the size (fixture sentences recombined, bench/corpus.py) against
one fixture article, the result cache off, the model as configured. Long articles are
checked up to ``max-article-chars`` (default 100,000 characters), so memory stays bounded
whatever the file's size; this row shows it.

    python bench/memory.py                     # 0.5, 2, 5 MB with the default model
    python bench/memory.py --sizes 0.5 --fake  # fast: a fake NLI model
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, fixture_sentences
from options import peak_rss_mb

PARTNER = ROOT / "fixtures" / "balloon" / "npr-2023-02-18.md"


def write_article(path: Path, megabytes: float, seed: int = 1) -> Path:
    """A Markdown article of about ``megabytes`` MB, paragraphs of four fixture sentences."""
    pool = fixture_sentences()
    rng = random.Random(seed)
    size, paragraphs, written = int(megabytes * 1_000_000), [], 0
    while written < size:
        paragraph = " ".join(rng.choice(pool) for _ in range(4))
        paragraphs.append(paragraph)
        written += len(paragraph) + 2
    path.write_text("---\noutlet: Long\npublished: 2023-02-19\n---\n\n" + "\n\n".join(paragraphs) + "\n")
    return path


def child(article: Path, fake: bool) -> dict[str, object]:
    from crosscheck.config import Settings
    from crosscheck.pipeline import check

    nli = None
    if fake:
        from fake import FakeNLI

        nli = FakeNLI()
    started = time.perf_counter()
    settings = Settings(cache=False, max_bytes=10_000_000)  # a 5 MB file is read, then capped
    report = check([article, PARTNER], settings, nli=nli)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": round(peak_rss_mb()),
        "sentences": report.stats["sentences"],
        "nli_pairs": report.stats.get("pairs_judged_by_nli"),
        "warnings": [w for w in report.stats.get("warnings", []) if "long article" in w],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2.0, 5.0])
    parser.add_argument("--fake", action="store_true", help="a fake NLI model instead of the real one")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.fake)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            article = write_article(Path(scratch) / f"long-{size}mb.md", size)
            command = [sys.executable, __file__, "--child", str(article), *(["--fake"] if args.fake else [])]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            row = {"megabytes": size, "bytes": article.stat().st_size, **json.loads(out.splitlines()[-1])}
            rows.append(row)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
