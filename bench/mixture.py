"""A labelled day of news for `crosscheck batch`: the project's story clusters, shuffled with decoys and copies.

Stories: `fixtures/balloon` and every cluster under `fixtures/eval/dev`. Decoys:
for each story, a two-article story of something else that shares one of its people
or places (Blinken at NATO, not the balloon; a surf contest in Baler, not the
typhoon). Copies: syndicated wire copy of some articles, carried by other outlets,
verbatim or with a new headline, a tagline and the last paragraph dropped. The
labels say each article's story and, for a copy, the article it copies.

    python bench/mixture.py OUT.jsonl [--labels LABELS.json] [--seed 7]
    python bench/mixture.py --score STORIES.jsonl --labels LABELS.json
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLUSTERS = [ROOT / "fixtures" / "balloon", *sorted((ROOT / "fixtures" / "eval" / "dev").glob("*/"))]

# Two outlets' versions of a story that shares a person or a place with a fixture story.
DECOYS: dict[str, tuple[str, str, tuple[str, str]]] = {
    "balloon": (
        "2023-04-04",
        "Blinken presses NATO allies on Ukraine air defence",
        (
            "Antony Blinken urged NATO foreign ministers in Brussels on Tuesday to send more air defence "
            "systems to Ukraine before the spring. The secretary of state said the alliance's members had "
            "pledged new Patriot batteries and that deliveries would begin within weeks. Finland formally "
            "joined the alliance at the same meeting, raising its membership to 31 countries.",
            "US Secretary of State Antony Blinken told allies gathered at NATO headquarters that Ukraine "
            "needed air defence batteries urgently. Ministers agreed on new pledges of Patriot systems. "
            "Finland's flag was raised outside the headquarters as the country became the 31st member.",
        ),
    ),
    "business-dairy-deal": (
        "2025-06-12",
        "Oslo ski festival draws record crowds to Holmenkollen",
        (
            "A record 48,000 spectators watched the Holmenkollen ski jumping festival in Oslo on Thursday, "
            "organisers said. Local favourite Ingrid Solvang won the women's large hill with two jumps "
            "of 134 metres. Extra trams ran from the city centre to the arena all afternoon.",
            "Ingrid Solvang won the women's large hill at Holmenkollen before a record crowd of 48,000 "
            "in Oslo. The jumper landed two leaps of 134 metres to take the title. Organisers laid on "
            "extra trams between the centre and the hill.",
        ),
    ),
    "court-quillfin": (
        "2025-11-20",
        "Judge Whitcombe dismisses copyright suit over pop hit",
        (
            "Judge Alan Whitcombe on Thursday dismissed a copyright lawsuit claiming the pop hit "
            "'Paper Lanterns' copied a 1980s soul ballad. The judge found the two songs shared only a "
            "common chord progression that no one can own. The songwriter's lawyers said they would appeal.",
            "A Manhattan judge threw out a lawsuit accusing singer Lina Ross of copying an old soul "
            "ballad in 'Paper Lanterns'. Alan Whitcombe ruled that a chord progression is not protected "
            "by copyright. Lawyers for the plaintiff plan to appeal the ruling.",
        ),
    ),
    "diplomacy-river-talks": (
        "2024-03-14",
        "Geneva motor show returns with electric cars in the spotlight",
        (
            "The Geneva motor show opened its doors on Thursday for the first time in five years, with "
            "electric hatchbacks from Chinese and European makers filling the main hall. Organisers "
            "expect 200,000 visitors over ten days. Tickets cost 20 Swiss francs.",
            "Electric cars dominate the halls of the Geneva motor show, back after a five-year break. "
            "Chinese carmakers unveiled three new hatchbacks on the opening day. The organisers hope "
            "for 200,000 visitors before the show closes.",
        ),
    ),
    "disaster-typhoon": (
        "2024-09-20",
        "Baler surf contest crowns a local champion",
        (
            "Surfers from twelve countries competed at the Baler surf festival on Friday, and 19-year-old "
            "local surfer Dindo Ramos won the men's longboard final. Baler, the capital of Aurora "
            "province, has hosted the contest since 1997. Waves reached two metres during the final.",
            "Dindo Ramos, 19, won the longboard title at the Baler surf festival in front of his home "
            "crowd in Aurora province. Competitors came from twelve countries. Organisers praised the "
            "two-metre waves of the final day.",
        ),
    ),
    "election-krakow": (
        "2025-06-02",
        "Wierzba opens Kraków jazz festival in the old town",
        (
            "Mayor Anna Wierzba opened Kraków's summer jazz festival in the Main Square on Sunday evening, "
            "her first public event since taking office. More than 60 concerts are planned in the old "
            "town's cellars over three weeks. Trumpeter Marek Sowa played the opening set.",
            "Kraków's summer jazz festival began with a speech by Anna Wierzba in the Main Square. The "
            "festival brings more than 60 concerts to the cellars of the old town. Marek Sowa opened it "
            "with a trumpet set.",
        ),
    ),
    "health-hepatitis-porto": (
        "2025-08-20",
        "Porto's port wine harvest starts early after a hot summer",
        (
            "Winemakers in the Douro valley began picking grapes for port wine two weeks early this year "
            "after a hot and dry summer, the Porto wine institute said on Wednesday. Yields are expected "
            "to fall by about 10 percent, but quality is high. Lodges in Vila Nova de Gaia are hiring "
            "extra guides for tourists.",
            "The port wine harvest has started early in the Douro, two weeks ahead of the usual calendar, "
            "after a scorching summer. The institute in Porto expects about 10 percent less wine of "
            "high quality. Cellars in Vila Nova de Gaia are taking on more guides.",
        ),
    ),
    "space-crew-launch": (
        "2025-10-30",
        "Weather satellite lifts off from Cape Canaveral",
        (
            "A rocket carrying the Aurora-7 weather satellite lifted off from Cape Canaveral on Thursday "
            "night after two days of delays caused by high winds. The satellite will track hurricanes "
            "over the Atlantic from geostationary orbit. Its operator said the launch went flawlessly.",
            "The Aurora-7 weather satellite launched from Cape Canaveral after high winds delayed it "
            "twice. It is designed to watch Atlantic hurricanes from geostationary orbit. The operator "
            "called the launch flawless.",
        ),
    ),
    "sport-cup-final": (
        "2025-06-03",
        "Pryce ruled out of national team friendlies with knee injury",
        (
            "Owen Pryce will miss the national team's two friendlies this month with a knee ligament "
            "injury, the football association said on Tuesday. The forward was hurt in training and "
            "faces six weeks out. The coach called up 20-year-old winger Tom Beddow in his place.",
            "The national team will be without Owen Pryce for this month's friendlies after he damaged a "
            "knee ligament in training. The football association said he would be out for six weeks. "
            "Winger Tom Beddow, 20, replaces him in the squad.",
        ),
    ),
}
DECOY_OUTLETS = ("Evening Courier", "Daily Register")
COPY_OUTLETS = ("Metro Herald", "County Gazette", "Valley Times", "Coastal News", "Capital Star")
COPIES_OF = 6


def _records(folder: Path) -> list[dict[str, object]]:
    from crosscheck.ingest import ingest

    out = []
    for article in ingest([str(folder)]).articles:
        body = "\n\n".join(article.text[start:end].strip() for start, end in article.body)
        out.append(
            {
                "id": f"{folder.name}--{article.id}",
                "outlet": article.outlet,
                "published": article.published.isoformat() if article.published else None,
                "title": article.title,
                "url": article.url,
                "text": body,
            }
        )
    return out


def _copy(record: Mapping[str, object], number: int, outlet: str, verbatim: bool) -> dict[str, object]:
    text = str(record["text"])
    title = record["title"]
    if not verbatim:
        paragraphs = text.split("\n\n")
        text = "\n\n".join(paragraphs[:-1] if len(paragraphs) > 4 else paragraphs)
        text += f"\n\nThis story was first published by {record['outlet'] or 'a wire service'}."
        title = f"{outlet}: {title}"
    return {**record, "id": f"copy{number}--{record['id']}", "outlet": outlet, "title": title, "text": text}


def build(seed: int = 7) -> tuple[list[dict[str, object]], dict[str, dict[str, object]]]:
    """The shuffled records and, per record id, its story and the id it copies (or None)."""
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    labels: dict[str, dict[str, object]] = {}
    for folder in CLUSTERS:
        for record in _records(folder):
            records.append(record)
            labels[str(record["id"])] = {"story": folder.name, "copy_of": None}
        if folder.name not in DECOYS:
            continue
        published, title, versions = DECOYS[folder.name]
        for outlet, text in zip(DECOY_OUTLETS, versions, strict=True):
            record_id = f"decoy-{folder.name}--{outlet.split()[0].lower()}"
            records.append(
                {
                    "id": record_id,
                    "outlet": outlet,
                    "published": published,
                    "title": title,
                    "url": None,
                    "text": text,
                }
            )
            labels[record_id] = {"story": f"decoy-{folder.name}", "copy_of": None}
    originals = rng.sample([r for r in records if not str(r["id"]).startswith("decoy-")], COPIES_OF)
    for number, original in enumerate(originals, start=1):
        for index in range(1 + number % 3):
            copy = _copy(original, number * 10 + index, COPY_OUTLETS[(number + index) % 5], index % 2 == 0)
            records.append(copy)
            labels[str(copy["id"])] = {**labels[str(original["id"])], "copy_of": original["id"]}
    rng.shuffle(records)
    return records, labels


def write(path: Path, seed: int = 7) -> dict[str, dict[str, object]]:
    records, labels = build(seed)
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), "utf-8")
    return labels


def b_cubed(predicted: Iterable[Iterable[str]], truth: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a grouping against true story labels (every item scored)."""
    cluster_of = {item: index for index, group in enumerate(predicted) for item in group}
    items = sorted(truth)
    by_cluster: dict[int, list[str]] = {}
    for item in items:
        by_cluster.setdefault(cluster_of.get(item, -1 - items.index(item)), []).append(item)
    by_story: dict[str, list[str]] = {}
    for item in items:
        by_story.setdefault(truth[item], []).append(item)
    precision = recall = 0.0
    for item in items:
        cluster = by_cluster[cluster_of.get(item, -1 - items.index(item))]
        story = by_story[truth[item]]
        correct = sum(1 for other in cluster if truth[other] == truth[item])
        precision += correct / len(cluster)
        recall += correct / len(story)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--score", type=Path, help="a batch run's stories.jsonl to score against --labels")
    args = parser.parse_args()
    if args.score:
        labels = json.loads(args.labels.read_text("utf-8"))
        stories = [json.loads(line) for line in args.score.read_text("utf-8").splitlines() if line.strip()]
        groups = [[*story["articles"], *story["copies"]] for story in stories]
        print(json.dumps(b_cubed(groups, {key: value["story"] for key, value in labels.items()})))
        return
    labels = write(args.out, args.seed)
    if args.labels:
        args.labels.write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(labels)} articles, {len({v['story'] for v in labels.values()})} stories -> {args.out}")


if __name__ == "__main__":
    main()
