from __future__ import annotations

import json
import sqlite3

import pytest

from crosscheck.errors import ModelError, UsageError
from crosscheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL, NOT_CONTRADICTION, load_model, model_info
from crosscheck.nli._store import read_seal, write_seal

THREE_WAY = {0: "entailment", 1: "neutral", 2: "contradiction"}
PAIRS = [
    ("The strike began on Monday.", "The strike began on Tuesday."),
    ("A man plays a guitar on a small stage in front of a crowd of people.", "Someone makes music."),
    ("Rain.", "The weather service expects the storm to weaken by Wednesday after it hit the coast."),
    ("The strike began on Monday.", "The strike began on Tuesday."),
    ("Prices rose 3 percent.", "Prices fell."),
]


def _forward_counter(model) -> list[int]:
    calls: list[int] = []
    model.model.register_forward_hook(lambda _m, args, kwargs_or_out: calls.append(1))
    return calls


def test_three_way_labels_and_probabilities(tiny_checkpoint):
    model = load_model(str(tiny_checkpoint(THREE_WAY)), device="cpu", use_cache=False)
    assert model.labels == (ENTAILMENT, NEUTRAL, CONTRADICTION)
    scores = model.predict(PAIRS[:2])
    assert [set(s) for s in scores] == [set(model.labels)] * 2
    assert all(abs(sum(s.values()) - 1) < 1e-5 for s in scores)


def test_binary_head_labels(tiny_checkpoint):
    model = load_model(str(tiny_checkpoint({0: "LABEL_0", 1: "LABEL_1"})), device="cpu", use_cache=False)
    assert model.labels == (NOT_CONTRADICTION, CONTRADICTION)
    assert set(model.predict(PAIRS[:1])[0]) == {NOT_CONTRADICTION, CONTRADICTION}


def test_reordered_id2label_gives_the_same_probability_per_label(tiny_checkpoint):
    plain = load_model(str(tiny_checkpoint(THREE_WAY, name="a")), device="cpu", use_cache=False)
    reordered_labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    reordered = load_model(
        str(tiny_checkpoint(reordered_labels, name="b", row_order=[2, 0, 1])), device="cpu", use_cache=False
    )
    for a, b in zip(plain.predict(PAIRS), reordered.predict(PAIRS), strict=True):
        assert a == pytest.approx(b, abs=1e-5)


def test_results_come_back_in_input_order_whatever_the_batching(tiny_checkpoint):
    folder = str(tiny_checkpoint(THREE_WAY))
    batched = load_model(folder, device="cpu", batch_size=2, use_cache=False)
    alone = [load_model(folder, device="cpu", use_cache=False).predict([pair])[0] for pair in PAIRS]
    together = batched.predict(PAIRS)
    for got, want in zip(together, alone, strict=True):
        assert got == pytest.approx(want, abs=1e-5)
    assert together[0] == together[3]
    assert together[0] != pytest.approx(together[1], abs=1e-3)


def test_progress_counts_every_pair(tiny_checkpoint):
    model = load_model(str(tiny_checkpoint(THREE_WAY)), device="cpu", batch_size=2, use_cache=False)
    seen: list[int] = []
    model.predict(PAIRS, progress=seen.append)
    assert sum(seen) == len(PAIRS)


def test_result_cache_means_a_rerun_scores_nothing(tiny_checkpoint, _own_cache):
    folder = str(tiny_checkpoint(THREE_WAY))
    first = load_model(folder, device="cpu")
    calls = _forward_counter(first)
    scores = first.predict(PAIRS)
    assert calls
    again = load_model(folder, device="cpu")
    calls_again = _forward_counter(again)
    seen: list[int] = []
    assert again.predict(PAIRS, progress=seen.append) == scores
    assert calls_again == []
    assert sum(seen) == len(PAIRS)
    with sqlite3.connect(_own_cache / "results.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM scores").fetchone()[0] == len(set(PAIRS))


def test_result_cache_is_per_model(tiny_checkpoint):
    a = load_model(str(tiny_checkpoint(THREE_WAY, name="a", seed=1)), device="cpu")
    a.predict(PAIRS)
    b = load_model(str(tiny_checkpoint(THREE_WAY, name="b", seed=2)), device="cpu")
    calls = _forward_counter(b)
    b.predict(PAIRS)
    assert calls


def test_no_cache_writes_nothing(tiny_checkpoint, _own_cache):
    load_model(str(tiny_checkpoint(THREE_WAY)), device="cpu", use_cache=False).predict(PAIRS)
    assert not (_own_cache / "results.sqlite").exists()


def test_folder_that_is_not_a_model_is_one_clear_error(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("hello")
    with pytest.raises(ModelError, match="not a model folder") as err:
        load_model(str(tmp_path / "notes"))
    assert "\n" not in err.value.line()
    with pytest.raises(ModelError, match="no such model folder"):
        load_model(str(tmp_path / "missing"))


def test_prepare_checks_a_local_folder_and_refuses_a_non_model(tiny_checkpoint, tmp_path):
    from crosscheck.nli import prepare_model

    folder = tiny_checkpoint(THREE_WAY)
    assert prepare_model(str(folder)) == folder
    with pytest.raises(ModelError, match="not a model folder"):
        prepare_model(str(tmp_path))


def test_broken_checkpoint_is_a_model_error(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "deberta-v2"}))
    with pytest.raises(ModelError):
        load_model(str(folder), device="cpu")


def test_bad_device_is_a_usage_error(tiny_checkpoint):
    with pytest.raises(UsageError):
        load_model(str(tiny_checkpoint(THREE_WAY)), device="tpu")


def test_model_info_of_a_local_folder_reads_labels_without_loading(tiny_checkpoint):
    info = model_info(str(tiny_checkpoint({0: "contradiction", 1: "neutral", 2: "entailment"})))
    assert info.labels == (CONTRADICTION, NEUTRAL, ENTAILMENT)
    assert info.prepared


def test_seal_detects_missing_or_truncated_files(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "weights.bin").write_bytes(b"x" * 100)
    (folder / "config.json").write_text("{}")
    write_seal(folder, {"name": "m"})
    assert read_seal(folder)
    (folder / "weights.bin").write_bytes(b"x" * 10)
    assert read_seal(folder) is None
    (folder / "weights.bin").unlink()
    assert read_seal(folder) is None


def test_unwritable_cache_dir_falls_back_to_a_temp_dir(tmp_path, monkeypatch, caplog):
    from crosscheck.nli import cache_dir

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CROSSCHECK_CACHE", str(blocker / "cache"))
    with caplog.at_level("WARNING", logger="crosscheck.nli"):
        chosen = cache_dir()
    assert chosen != blocker / "cache"
    assert chosen.is_dir()
    assert "not writable" in caplog.text


def test_importing_the_package_does_not_import_torch():
    import subprocess
    import sys

    code = "import sys, crosscheck.nli; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_hub_ids_are_not_treated_as_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelError, match="HF_HUB_OFFLINE"):
        load_model("someone/not-cached-nli-model", device="cpu")


def test_int8_quantizes_the_linear_layers_and_keeps_its_own_cache(tiny_checkpoint):
    folder = str(tiny_checkpoint(THREE_WAY))
    full = load_model(folder, device="cpu")
    full_scores = full.predict(PAIRS)
    small = load_model(folder, device="cpu", int8=True)
    calls = _forward_counter(small)
    small_scores = small.predict(PAIRS)
    assert calls  # the fp32 model's cached results are not served as int8 ones
    kinds = {type(module).__module__ for module in small.model.modules()}
    assert any("quantized" in kind for kind in kinds)
    assert all(abs(sum(s.values()) - 1) < 1e-5 for s in small_scores)
    assert len(small_scores) == len(full_scores)


def test_int8_runs_a_whole_check_and_says_so_in_the_report(tiny_checkpoint):
    from crosscheck import Settings, check
    from tests.conftest import article

    owners = [
        article("a", "The dock workers' union at the port of Halden accepted the pay offer.", "2024-05-02"),
        article("b", "The dock workers' union at the port of Halden rejected the pay offer.", "2024-05-02"),
    ]
    report = check(owners, Settings(model=str(tiny_checkpoint(THREE_WAY)), int8=True))
    assert report.stats["pairs_judged_by_nli"] == 1
    assert report.model["name"].endswith("(int8)")
