from __future__ import annotations

import pytest

from crosscheck.errors import ModelError
from crosscheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL, NOT_CONTRADICTION
from crosscheck.nli._labels import normalize_labels


@pytest.mark.parametrize(
    ("id2label", "expected"),
    [
        ({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}, (ENTAILMENT, NEUTRAL, CONTRADICTION)),
        ({"0": "contradiction", "1": "entailment", "2": "neutral"}, (CONTRADICTION, ENTAILMENT, NEUTRAL)),
        ({2: "Entailment", 0: "Contradiction", 1: "Neutral"}, (CONTRADICTION, NEUTRAL, ENTAILMENT)),
        ({0: "not_contradiction", 1: "contradiction"}, (NOT_CONTRADICTION, CONTRADICTION)),
        ({0: "CONTRADICTION", 1: "NON-CONTRADICTION"}, (CONTRADICTION, NOT_CONTRADICTION)),
        ({0: "LABEL_0", 1: "LABEL_1"}, (NOT_CONTRADICTION, CONTRADICTION)),
    ],
)
def test_label_names_are_normalized_in_index_order(id2label, expected):
    assert normalize_labels(id2label) == expected


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "entailment", 1: "not_entailment"},
        {0: "positive", 1: "negative"},
        {0: "contradiction", 1: "contradiction"},
    ],
)
def test_ambiguous_or_foreign_heads_are_refused(id2label):
    with pytest.raises(ModelError):
        normalize_labels(id2label, where="some/model")
