"""Generated story clusters: fixture sentences shuffled and recombined, with planted conflicts.

Each cluster draws a pool of base sentences from one story, fixtures/balloon
(fixed seed). Every base sentence has three versions: as written,
with its numbers changed, and negated; each article picks its sentences from the
pool and, now and then, a changed version, so articles disagree the way outlets
do (same sentence, other figure; a denial). Nothing is written to the repository.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: One story: a generated cluster is about one story, as real ones are.
FIXTURE_DIRS = (ROOT / "fixtures" / "balloon",)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_VERB = re.compile(r"\b(is|was|are|were|has|had|will|would|can|could|did)\b")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")


@dataclass(frozen=True)
class GeneratedArticle:
    outlet: str
    title: str
    published: dt.date
    sentences: tuple[str, ...]

    def markdown(self) -> str:
        body = "\n\n".join(self.sentences)
        return (
            f'---\noutlet: {self.outlet}\ntitle: "{self.title}"\n'
            f"published: {self.published.isoformat()}\n---\n\n{body}\n"
        )


def fixture_sentences(dirs: tuple[Path, ...] = FIXTURE_DIRS) -> list[str]:
    """Body sentences of 8 to 45 words from the .md and .txt fixtures, in sorted file order."""
    found: list[str] = []
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".txt") or path.name == "README.md":
                continue
            text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
            for paragraph in text.split("\n\n"):
                for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
                    if 8 <= len(sentence.split()) <= 45 and sentence[-1:] in '.!?"”':
                        found.append(sentence)
    return list(dict.fromkeys(found))


def _changed_numbers(sentence: str, rng: random.Random) -> str | None:
    if not _NUMBER.search(sentence):
        return None
    return _NUMBER.sub(lambda m: str(rng.randint(2, 97)), sentence)


def _negated(sentence: str) -> str | None:
    if not _VERB.search(sentence):
        return None
    return _VERB.sub(lambda m: f"{m.group(1)} not", sentence, count=1)


def _dated(sentence: str, rng: random.Random) -> str:
    return f"On {rng.choice(_MONTHS)} {rng.randint(1, 28)}, {sentence[0].lower()}{sentence[1:]}"


def make_cluster(
    pool: list[str], articles: int, sentences: int = 40, *, seed: int = 0, conflict_rate: float = 0.15
) -> list[GeneratedArticle]:
    """``articles`` articles of ``sentences`` sentences each, reproducible from ``seed``."""
    rng = random.Random(seed)
    base = rng.sample(pool, min(len(pool), 2 * sentences))
    versions = []
    for sentence in base:
        changed = _changed_numbers(sentence, rng) or _dated(sentence, rng)
        versions.append((sentence, changed, _negated(sentence) or changed))
    day = dt.date(2024, 3, 1)
    out = []
    for index in range(articles):
        picked = rng.sample(range(len(base)), min(sentences, len(base)))
        chosen = []
        for position in picked:
            roll = rng.random()
            variant = 0 if roll >= conflict_rate else (1 if roll < conflict_rate / 2 else 2)
            chosen.append(versions[position][variant])
        outlet = f"Outlet {index + 1:02d}"
        title = f"{outlet} report {index + 1}"
        out.append(GeneratedArticle(outlet, title, day + dt.timedelta(days=index % 2), tuple(chosen)))
    return out


def write_cluster(folder: Path, cluster: list[GeneratedArticle]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, generated in enumerate(cluster):
        path = folder / f"outlet-{index + 1:02d}.md"
        path.write_text(generated.markdown(), encoding="utf-8")
        paths.append(path)
    return paths
