"""The evaluation: gold matching, the counts and ratios, the naive baseline, and `crosscheck eval`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app
from crosscheck.config import Settings
from crosscheck.errors import InputError, UsageError
from crosscheck.evaluate import (
    BinaryCounts,
    Counts,
    Gold,
    GoldFinding,
    Side,
    Trap,
    baseline_findings,
    evaluate,
    find_inputs,
    load_gold,
    score_findings,
    tally,
)
from crosscheck.models import Attribution, DateFact, Evidence, Facts, Finding, Span
from tests.conftest import FakeNLI, article, claim

ROOT = Path(__file__).resolve().parents[1]

NPR = article("npr", "Wang Yi, China's top diplomat, met Blinken. The balloon was a surveillance balloon.")
GZERO = article("gzero", "Foreign Minister Wang Yi met Blinken. Beijing said it was a civilian airship.")
DW = article("dw", "Wang Yi, China\u2019s  top diplomat, spoke in Munich. Nothing else happened there today.")

TOP_NPR = claim(NPR, "Wang Yi, China's top diplomat, met Blinken.")
BALLOON = claim(NPR, "The balloon was a surveillance balloon.", 1)
MINISTER = claim(GZERO, "Foreign Minister Wang Yi met Blinken.")
AIRSHIP = claim(GZERO, "Beijing said it was a civilian airship.", 1)
TOP_DW = claim(DW, "Wang Yi, China\u2019s  top diplomat, spoke in Munich.")
OTHER_DW = claim(DW, "Nothing else happened there today.", 1)


def side(articles: str, contains: str) -> Side:
    return Side(frozenset(articles.split()), contains)


def finding(kind: str, severity: str, *claims) -> Finding:  # type: ignore[no-untyped-def]
    return Finding(
        f"{kind}-{id(claims)}", kind, severity, 0.9, "explained", tuple(Evidence(c) for c in claims)
    )  # type: ignore[arg-type]


TITLE = GoldFinding(
    "wang-title",
    "title",
    True,
    side("gzero", "Foreign Minister Wang Yi"),
    side("npr dw", "China's top diplomat"),
)
QUOTE = GoldFinding(
    "optional-one", "quote", False, side("dw", "spoke in Munich"), side("gzero", "civilian airship")
)
AIRSHIP_TRAP = Trap("balloon-vs-airship", None, side("npr", "surveillance balloon"), side("gzero", "airship"))
WORDING_TRAP = Trap("wording", "low", side("npr", "met Blinken"), side("dw", "nothing else"))
GOLD = Gold((TITLE, QUOTE), (AIRSHIP_TRAP, WORDING_TRAP))


def test_a_finding_matches_gold_in_either_order_and_counts_under_the_gold_kind():
    outcome = score_findings([finding("statement", "high", TOP_DW, MINISTER)], GOLD)
    assert [hit.gold.id for hit in outcome.hits] == ["wang-title"]
    assert outcome.missed == [] and outcome.false_alarms == []
    assert outcome.counts() == {"title": Counts(tp=1)}
    assert [hit.gold.id for hit in outcome.mislabeled] == ["wang-title"]


def test_matching_ignores_case_whitespace_and_curly_quotes_but_not_the_article_list():
    assert side("dw", "china's TOP diplomat").holds(TOP_DW)
    assert not side("npr", "china's top diplomat").holds(TOP_DW)
    assert not side("dw", "foreign minister").holds(TOP_DW)


def test_one_claim_cannot_stand_for_both_sides():
    both = Gold((GoldFinding("self", "title", True, side("npr", "Wang Yi"), side("npr", "met Blinken")),), ())
    outcome = score_findings([finding("title", "high", TOP_NPR, MINISTER)], both)
    assert outcome.hits == [] and [g.id for g in outcome.missed] == ["self"]


def test_unmatched_finding_is_a_false_alarm_and_unfound_gold_a_miss():
    outcome = score_findings([finding("date", "medium", TOP_NPR, AIRSHIP)], GOLD)
    assert [alarm.trap for alarm in outcome.false_alarms] == [None]
    assert [gold.id for gold in outcome.missed] == ["wang-title"]
    assert outcome.counts() == {"date": Counts(fp=1), "title": Counts(fn=1)}


def test_optional_gold_counts_neither_way_and_each_gold_entry_counts_once():
    findings = [
        finding("title", "high", MINISTER, TOP_NPR),
        finding("title", "high", MINISTER, TOP_DW),
        finding("quote", "low", TOP_DW, AIRSHIP),
    ]
    outcome = score_findings(findings, GOLD)
    assert [hit.gold.id for hit in outcome.hits] == ["wang-title"]
    assert [hit.gold.id for hit in outcome.duplicates] == ["wang-title"]
    assert [hit.gold.id for hit in outcome.optional] == ["optional-one"]
    assert outcome.counts() == {"title": Counts(tp=1)}
    assert score_findings([], GOLD).missed == [TITLE]


def test_traps_break_beyond_their_max_severity():
    never = score_findings([finding("statement", "low", AIRSHIP, BALLOON)], GOLD)
    assert [alarm.trap.id for alarm in never.false_alarms if alarm.trap] == ["balloon-vs-airship"]
    low = score_findings([finding("statement", "low", TOP_NPR, OTHER_DW)], GOLD)
    assert low.false_alarms == [] and [trap.id for trap, _ in low.allowed] == ["wording"]
    medium = score_findings([finding("statement", "medium", TOP_NPR, OTHER_DW)], GOLD)
    assert [alarm.trap.id for alarm in medium.false_alarms if alarm.trap] == ["wording"]


def test_ratios_and_their_undefined_cases():
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts(fn=2).precision is None and Counts(fn=2).f1 is None
    assert Counts(fp=2).recall is None
    assert Counts(tp=0, fp=1, fn=1).f1 == 0.0
    pairs = BinaryCounts(tp=3, fp=1, fn=2, tn=4)
    assert (pairs.accuracy, pairs.precision, pairs.recall) == (0.7, 0.75, 0.6)


def test_tally_adds_kinds_across_clusters_and_overall():
    first = score_findings(
        [finding("title", "high", MINISTER, TOP_NPR), finding("date", "high", TOP_NPR, AIRSHIP)], GOLD
    )
    second = score_findings([], GOLD)
    total = tally([first, second])
    assert total["title"] == Counts(tp=1, fn=1)
    assert total["date"] == Counts(fp=1)
    assert total["overall"] == Counts(tp=1, fp=1, fn=1)


def test_load_gold_reads_the_schema_and_names_a_bad_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            {
                "findings": [
                    {
                        "id": "f",
                        "kind": "date",
                        "required": True,
                        "note": "n",
                        "a": {"articles": ["x"], "contains": "one"},
                        "b": {"articles": ["y"], "contains": "two"},
                    }
                ],
                "traps": [
                    {
                        "id": "t",
                        "max_severity": "low",
                        "note": "",
                        "a": {"articles": ["x"], "contains": "3"},
                        "b": {"articles": ["y"], "contains": "4"},
                    }
                ],
                "corroborations": [],
            }
        ),
        encoding="utf-8",
    )
    gold = load_gold(path)
    assert gold.findings[0].a == Side(frozenset({"x"}), "one")
    assert gold.traps[0].max_severity == "low"
    path.write_text('{"findings": [{"id": "f"}]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.json"):
        load_gold(path)


SAID = Attribution("the ministry", Span(0, 3, "The"))
CLAIMED = Attribution("the rebels", Span(0, 3, "The"))


def _dated_claims():  # type: ignore[no-untyped-def]
    early = article(
        "early", "The bridge over the Vltava river opened to traffic on Monday morning.", "2024-01-01"
    )
    late = article(
        "late", "The bridge over the Vltava river stayed closed to traffic on Monday morning.", "2025-06-01"
    )
    first = claim(
        early, early.text, dates=(DateFact(dt.date(2024, 1, 1), Span(57, 63, "Monday")),), attribution=SAID
    )
    second = claim(
        late, late.text, dates=(DateFact(dt.date(2025, 6, 2), Span(61, 67, "Monday")),), attribution=CLAIMED
    )
    return first, second


def test_baseline_ignores_facts_attribution_and_time():
    first, second = _dated_claims()
    model = FakeNLI(lambda a, b: "closed" in a + b)
    [found] = baseline_findings([first, second], model, 0.5)
    assert (found.kind, found.severity) == ("statement", "medium")
    assert {c.text for c in found.claims} == {first.text, second.text}
    assert all(c.facts == Facts() for c in found.claims)
    assert sorted(model.calls) == sorted([(first.text, second.text), (second.text, first.text)])


def test_baseline_reports_only_what_the_model_calls_a_contradiction():
    first, second = _dated_claims()
    assert baseline_findings([first, second], FakeNLI(), 0.5) == []
    assert baseline_findings([first, second], FakeNLI(lambda a, b: True), 0.99) == []


STORY_A = """---
outlet: Harbor Daily
title: Bridge opens
url: https://example.org/a
published: 2024-04-10
---
The new harbor bridge in Gdansk opened to traffic on Tuesday morning.

Mayor Ana Ruiz said the bridge was built to last a hundred years.
"""
STORY_B = """---
outlet: Coast Times
title: Bridge stays shut
url: https://example.org/b
published: 2024-04-10
---
The new harbor bridge in Gdansk stayed closed to traffic on Tuesday morning.

Engineers said the bridge was unsafe and would not last a hundred years.
"""
GOLD_JSON = {
    "findings": [
        {
            "id": "opened-vs-closed",
            "kind": "negation",
            "required": True,
            "note": "",
            "a": {"articles": ["harbor-2024-04-10"], "contains": "opened to traffic"},
            "b": {"articles": ["coast-2024-04-10"], "contains": "stayed closed"},
        },
        {
            "id": "not-there",
            "kind": "number",
            "required": True,
            "note": "",
            "a": {"articles": ["harbor-2024-04-10"], "contains": "Mayor Ana Ruiz"},
            "b": {"articles": ["coast-2024-04-10"], "contains": "stayed closed"},
        },
    ],
    "traps": [
        {
            "id": "two-sides",
            "max_severity": None,
            "note": "",
            "a": {"articles": ["harbor-2024-04-10"], "contains": "built to last"},
            "b": {"articles": ["coast-2024-04-10"], "contains": "unsafe"},
        },
    ],
    "corroborations": [],
}
PAIRS = [
    {
        "id": "p1",
        "source": "The harbor bridge in Gdansk opened to traffic on Tuesday.",
        "claim": "The harbor bridge in Gdansk stayed closed to traffic on Tuesday.",
        "label": "contradiction",
        "kind": "negation",
        "source_published": "2024-04-10",
        "claim_published": "2024-04-10",
    },
    {
        "id": "p2",
        "source": "The harbor bridge in Gdansk opened to traffic on Tuesday.",
        "claim": "On Tuesday the harbor bridge in Gdansk opened to traffic.",
        "label": "consistent",
        "kind": "statement",
        "source_published": "2024-04-10",
        "claim_published": "2024-04-10",
    },
]


def _contradicts(a: str, b: str) -> bool:
    both = a + " " + b
    return ("opened" in both and "closed" in both) or ("unsafe" in both and "built to last" in both)


@pytest.fixture
def eval_folder(tmp_path: Path) -> Path:
    cluster = tmp_path / "eval" / "bridge"
    cluster.mkdir(parents=True)
    (cluster / "harbor-2024-04-10.md").write_text(STORY_A, encoding="utf-8")
    (cluster / "coast-2024-04-10.md").write_text(STORY_B, encoding="utf-8")
    (cluster / "gold.json").write_text(json.dumps(GOLD_JSON), encoding="utf-8")
    (tmp_path / "eval" / "pairs.jsonl").write_text(
        "\n".join(json.dumps(p) for p in PAIRS) + "\n", encoding="utf-8"
    )
    return tmp_path / "eval"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[FakeNLI]:
    made: list[FakeNLI] = []

    def load(*args: object, **kwargs: object) -> FakeNLI:
        made.append(FakeNLI(_contradicts))
        return made[-1]

    monkeypatch.setattr("crosscheck.nli.load_model", load)
    monkeypatch.chdir(ROOT / "tests")
    return made


def test_find_inputs_walks_folders_for_gold_files_and_pairs(eval_folder):
    clusters, pairs = find_inputs([eval_folder, eval_folder / "bridge"])
    assert clusters == [eval_folder / "bridge" / "gold.json"]
    assert pairs == [eval_folder / "pairs.jsonl"]
    with pytest.raises(UsageError, match=r"no gold\.json"):
        evaluate([ROOT / "src"], Settings(), nli=FakeNLI())
    with pytest.raises(UsageError, match="not a folder"):
        evaluate([eval_folder / "pairs.jsonl"], Settings(), nli=FakeNLI())


def test_evaluate_loads_the_model_once_and_scores_the_baseline(eval_folder, loads):
    evaluation = evaluate([eval_folder], Settings(), baseline_threshold=0.5)
    assert len(loads) == 1 and evaluation.model == "fake-nli"
    baseline = evaluation.counts("baseline")
    assert baseline["negation"] == Counts(tp=1)
    assert baseline["number"] == Counts(fn=1)
    assert baseline["statement"] == Counts(fp=1)
    assert evaluation.trap_violations("baseline") == [("bridge", "two-sides", "medium")]
    assert [bool(v.baseline) for v in evaluation.pairs] == [True, False]
    assert evaluation.pair_counts("baseline") == BinaryCounts(tp=1, tn=1)
    crosscheck = evaluation.counts("crosscheck")["overall"]
    assert crosscheck.tp + crosscheck.fn == 2


def test_eval_command_prints_the_side_by_side_table(eval_folder, loads):
    result = CliRunner().invoke(app, ["eval", str(eval_folder), "--baseline-threshold", "0.5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    [overall] = [line for line in lines if line.startswith("overall")]
    assert overall.split()[1:2] == ["2"]
    assert "1/1/1" in overall.split()[2 + 4 :]
    assert "naive NLI baseline (1): bridge/two-sides (medium)" in result.stdout
    assert "missed not-there (number)" in result.stdout


def test_eval_command_writes_json_and_rejects_a_bad_format(eval_folder, loads, tmp_path):
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(
        app, ["eval", str(eval_folder), "-f", "json", "-o", str(out), "--threshold", "0.6"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["threshold"], data["baseline_threshold"]) == (0.6, 0.6)
    assert data["systems"]["baseline"]["overall"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert [p["id"] for p in data["pairs"]] == ["p1", "p2"]
    [cluster] = data["clusters"]
    assert cluster["baseline"]["false_alarms"][0]["trap"] == "two-sides"
    bad = CliRunner().invoke(app, ["eval", str(eval_folder), "-f", "sarif"])
    assert bad.exit_code == 2 and "--format must be one of" in bad.output


def test_dev_and_test_splits_are_reported_side_by_side(eval_folder, loads, tmp_path):
    import shutil

    root = tmp_path / "splits"
    for split in ("dev", "test"):
        shutil.copytree(eval_folder / "bridge", root / split / "bridge")
    result = CliRunner().invoke(app, ["eval", str(root), "--baseline-threshold", "0.5"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split("By split", 1)[1].split("Findings against gold", 1)[0]
    rows = [line.split() for line in section.splitlines() if line.startswith(("dev", "test"))]
    assert [row[:3] for row in rows] == [["dev", "1", "2"], ["test", "1", "2"]]
    out = tmp_path / "splits.json"
    CliRunner().invoke(app, ["eval", str(root), "-f", "json", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["splits"]) == {"dev", "test"}
    assert {c["split"] for c in data["clusters"]} == {"dev", "test"}
