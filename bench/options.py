"""What every benchmark is told: which model, how big, and where to put scratch files."""

from __future__ import annotations

import os
import resource
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BenchOptions:
    model: str = "aegis-binary"
    fake: bool = False
    device: str = "cpu"
    sizes: tuple[int, ...] = (5, 10, 20, 50)
    sentences: int = 40
    throughput_pairs: int = 256
    recall_sample: int = 1500
    #: Generated day sizes for bench/batch.py, in articles (--batch-sizes; --batch-big adds 5,000).
    batch_sizes: tuple[int, ...] = (200, 1000)
    batch_ray: bool = True
    batch_real_size: int = 60
    balloon: Path = ROOT / "fixtures" / "balloon"
    scratch: Path = field(default_factory=lambda: Path(os.environ.get("TMPDIR", "/tmp")) / "crosscheck-bench")


def load_nli(options: BenchOptions, *, use_cache: bool = False, int8: bool = False) -> Any:
    """The model under test (the fake one with --fake); no result cache unless asked."""
    if options.fake:
        from fake import FakeNLI

        return FakeNLI()
    from crosscheck.nli import load_model

    return load_model(options.model, device=options.device, use_cache=use_cache, int8=int8)


def peak_rss_mb() -> float:
    """This process's peak resident memory (ru_maxrss is kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
