#!/usr/bin/env python3
"""Every definition, glossary term and model part of the working draft
(content/data) cites, in docs/content-sources.md, a seed location that exists
and contains its text.

Usage: check_sources.py REPO [SEEDS_DIR]

SEEDS_DIR defaults to REPO/../shared/seeds (CI keeps a copy of shared/ beside
the clone). A row of the tables in docs/content-sources.md reads

    | `definition:ID` | 000 | 604–616 | … |
    | `term:ID`       | 002 | 59–61   | … |
    | `model:MODEL/PART` | 004 | 295, 446–448 | … |

(seed: the three-digit prefix of a file in SEEDS_DIR; lines: 1-based,
inclusive ranges separated by commas). An item may have several rows, one per
seed. The check:

- every definition, term and model part of content/data has a row, and every
  row names an item that exists;
- every seed exists and every range lies inside it;
- the text is found in the cited lines: a definition's `text` (whole), a
  term's `definition`, and a model part's `label`, `description`, `items` and
  `quote`. Term definitions and descriptions are checked sentence by
  sentence, each sentence in one of the item's ranges, so a text quoted from
  two places can cite both (and a footnote mark between two sentences of the
  seed does not matter).

Texts are compared on their letters and digits only, case-folded (the seeds
are PDF extractions: hyphenated line breaks, bullets, letter-spaced headings),
and footnote markers glued to a word in the seed ("zorgplan13") are ignored.
Exit status 0 when everything is found, 1 with one line per problem
otherwise, 2 when the seeds or the mapping cannot be read.
"""
import json
import pathlib
import re
import sys
import unicodedata

KINDS = ("definition", "term", "model")
ROW = re.compile(r"^\|\s*`(definition|term|model):([^`]+)`\s*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|")
RANGE = re.compile(r"^(\d+)(?:\s*[–-]\s*(\d+))?$")
FOOTNOTE = re.compile(r"(?<=[a-zà-ÿ])\d+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = FOOTNOTE.sub("", text)
    return "".join(ch for ch in text if ch.isalnum())


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def load_seeds(folder: pathlib.Path) -> dict[str, list[str]]:
    if not folder.is_dir():
        fail(f"the seed documents are missing: {folder} is not a folder "
             "(pass SEEDS_DIR, or put shared/seeds beside the repository)")
    seeds = {}
    for path in sorted(folder.glob("*.txt")):
        seeds[path.name[:3]] = path.read_text(encoding="utf-8").split("\n")
    if not seeds:
        fail(f"the seed documents are missing: no *.txt in {folder}")
    return seeds


def items_of(data: pathlib.Path) -> dict[str, list[tuple[str, str]]]:
    """Each item id (`kind:id`) with the texts to find: (field, text)."""
    items: dict[str, list[tuple[str, str]]] = {}
    defs = json.loads((data / "definitions.json").read_text(encoding="utf-8"))
    for d in defs["definitions"]:
        # A definition whose wording the seed lost is found by its attribution.
        items[f"definition:{d['id']}"] = ([("text", d["text"])] if d["text"]
                                          else [("attribution", d["attribution"])])
    terms = json.loads((data / "terms.json").read_text(encoding="utf-8"))
    for t in terms["terms"]:
        items[f"term:{t['id']}"] = [(f"definition sentence {i + 1}", sentence) for i, sentence
                                    in enumerate(SENTENCE.split(t["definition"].strip())) if sentence]
    for path in sorted((data / "models").glob("*.json")):
        model = json.loads(path.read_text(encoding="utf-8"))
        for part in model["parts"]:
            texts = [("label", part["label"])]
            for i, sentence in enumerate(SENTENCE.split(part.get("description", "").strip())):
                if sentence:
                    texts.append((f"description sentence {i + 1}", sentence))
            texts += [(f"item {i + 1}", item) for i, item in enumerate(part.get("items", []))]
            if part.get("quote"):
                texts.append(("quote", part["quote"]))
            items[f"model:{model['id']}/{part['id']}"] = texts
    return items


def read_rows(mapping: pathlib.Path, problems: list[str]) -> dict[str, list[tuple[str, int, int, int]]]:
    """Item id → [(seed, first line, last line, line of the row in the mapping)]."""
    rows: dict[str, list[tuple[str, int, int, int]]] = {}
    for number, line in enumerate(mapping.read_text(encoding="utf-8").split("\n"), start=1):
        m = ROW.match(line)
        if not m:
            continue
        key = f"{m.group(1)}:{m.group(2)}"
        seed = m.group(3)
        spans = []
        for part in m.group(4).split(","):
            r = RANGE.match(part.strip())
            if not r:
                problems.append(f"{mapping}:{number}: `{key}`: lines \"{m.group(4)}\" are not "
                                "ranges like 12 or 12–15")
                spans = []
                break
            first, last = int(r.group(1)), int(r.group(2) or r.group(1))
            spans.append((seed, first, last, number))
        rows.setdefault(key, []).extend(spans)
    return rows


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    repo = pathlib.Path(argv[1])
    seeds = load_seeds(pathlib.Path(argv[2]) if len(argv) > 2 else repo.resolve().parent / "shared" / "seeds")
    mapping = repo / "docs" / "content-sources.md"
    if not mapping.is_file():
        fail(f"{mapping} is missing")
    items = items_of(repo / "content" / "data")
    problems: list[str] = []
    rows = read_rows(mapping, problems)
    normed = {name: [norm(line) for line in lines] for name, lines in seeds.items()}

    for key in rows:
        if key not in items:
            problems.append(f"{mapping}:{rows[key][0][3] if rows[key] else 0}: `{key}` is no "
                            "definition, term or model part of content/data")
    checked = 0
    for key, texts in items.items():
        spans = rows.get(key)
        if not spans:
            problems.append(f"{mapping}: `{key}` has no seed location")
            continue
        haystacks = []
        for seed, first, last, number in spans:
            if seed not in seeds:
                problems.append(f"{mapping}:{number}: `{key}`: no seed \"{seed}\" "
                                f"(seeds: {', '.join(sorted(seeds))})")
            elif not 1 <= first <= last <= len(seeds[seed]):
                problems.append(f"{mapping}:{number}: `{key}`: lines {first}–{last} are outside "
                                f"seed {seed} (1–{len(seeds[seed])})")
            else:
                haystacks.append((f"{seed}:{first}–{last}", "".join(normed[seed][first - 1:last])))
        if len(haystacks) != len(spans):
            continue
        for field, text in texts:
            checked += 1
            needle = norm(text)
            if not any(needle in hay for _, hay in haystacks):
                where = ", ".join(name for name, _ in haystacks)
                problems.append(f"{mapping}:{spans[0][3]}: `{key}`: its {field} is not in seed "
                                f"{where}: \"{text[:70]}{'…' if len(text) > 70 else ''}\"")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in the seed locations of the working draft's data")
        return 1
    print(f"{len(items)} definitions, terms and model parts, {checked} texts: each found in "
          "the seed lines docs/content-sources.md cites")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
