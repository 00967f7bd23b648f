"""Story grouping on the labelled mixture (bench/mixture.py): B-cubed F1 and syndicated copies."""

from __future__ import annotations

import mixture

from crosscheck.batch._group import GroupOptions
from crosscheck.batch._run import read_feed
from crosscheck.batch._types import BatchHooks
from crosscheck.config import Settings
from tests.batch.conftest import ROOT  # noqa: F401 - puts bench/ on the path


def test_the_mixture_is_grouped_into_its_stories_and_every_copy_is_recognised(tmp_path):
    path = tmp_path / "mixture.jsonl"
    labels = mixture.write(path)
    feed = read_feed([str(path)], Settings(), None, GroupOptions(), BatchHooks())
    ids = [entry.id for entry in feed.entries]
    predicted = [[ids[n] for n in story] for story in feed.stories]
    scores = mixture.b_cubed(predicted, {key: str(value["story"]) for key, value in labels.items()})
    assert scores["f1"] >= 0.95, scores
    found: dict[str, set[str]] = {}
    for copy, first in feed.copy_of.items():
        found.setdefault(ids[first], {ids[first]}).add(ids[copy])
    expected: dict[str, set[str]] = {}
    for key, value in labels.items():
        if value["copy_of"]:
            expected.setdefault(str(value["copy_of"]), {str(value["copy_of"])}).add(key)
    # every copy found with its original, and nothing else taken for a copy
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))
    decoys = [key for key in labels if key.startswith("decoy-")]
    assert decoys and all(
        not any(labels[key]["story"] != labels[other]["story"] for other in story)
        for story in predicted
        for key in story
        if key in decoys
    )
