#!/usr/bin/env python3
"""Writes a content folder of N chapter pages for the search benchmark.

Paragraphs are sentences drawn from the bundled chapters plus made-up words
with a Zipf-like frequency, so that the vocabulary grows with the corpus as
it does in real text. Deterministic: the same N gives the same folder.
"""
import json, random, re, shutil, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
n_pages = int(sys.argv[1])
out = Path(sys.argv[2])
rng = random.Random(8)

def plain(body):
    """`body` without what only resolves inside the bundled content: terms
    ([[id]], [[id|text]]), citations and cross-references ([@key],
    [zie @a; @b], @key, [@fig:x]) and footnote markers."""
    body = re.sub(r"\[\[[^\]|]+\|([^\]]+)\]\]", r"\1", body)
    body = re.sub(r"\[\[([^\]]+)\]\]", r"\1", body)
    body = re.sub(r"\s*\[[^\]]*@[^\]]*\]", "", body)
    body = re.sub(r"(?<![\w.])@[\w:-]+(\s*\[[^\]]*\])?", "", body)
    return re.sub(r"\[\^[^\]]+\]", "", body)

sentences = []
for md in sorted((root / "content/chapters").glob("*.md")):
    body = md.read_text(encoding="utf-8").split("---", 2)[2]
    body = plain(re.sub(r"```.*?```", "", body, flags=re.S))
    for line in body.splitlines():
        line = line.strip()
        if not line or line[0] in "#|>{-*":
            continue
        sentences += [s.strip() for s in re.split(r"(?<=[.?!])\s+", line) if len(s.split()) > 3]

syllables = ["zorg", "ver", "le", "ner", "zelf", "ma", "na", "ge", "ment", "re", "gie", "pa", "ti",
             "ent", "cli", "kwets", "baar", "hulp", "net", "werk", "be", "leid", "prak", "tijk",
             "on", "der", "steu", "ning", "ken", "nis", "waar", "de", "ring", "keuze", "doel"]
words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(60000)]

def made_up():
    # Zipf: the k-th made-up word is about k times rarer than the first.
    return words[min(int(rng.paretovariate(0.9)) - 1, len(words) - 1)]

if out.exists():
    shutil.rmtree(out)
shutil.copytree(root / "tests/fixtures/good/minimal", out)
shutil.rmtree(out / "chapters")
(out / "chapters").mkdir()
(out / "versions.json").write_text(json.dumps({"versions": [
    {"id": "bench", "label": "Bench", "period": "2026", "status": "draft",
     "milestone": "Benchmark", "frozen": False}]}, ensure_ascii=False), encoding="utf-8")
for i in range(n_pages):
    parts = [f"---\ntitle: Pagina {i + 1} {made_up()}\norder: {i + 1}\nid: p{i + 1:05d}\n---\n"]
    for s in range(rng.randint(2, 5)):
        parts.append(f"## {made_up().capitalize()} {rng.choice(sentences).split()[0].lower()}\n")
        for _ in range(rng.randint(1, 3)):
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))
            extra = " ".join(made_up() for _ in range(rng.randint(3, 12)))
            parts.append(f"{text} {extra}.\n")
    (out / "chapters" / f"{i + 1:05d}.md").write_text("\n".join(parts), encoding="utf-8")
