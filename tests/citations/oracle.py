#!/usr/bin/env python3
"""The citation oracle: renders the test corpus (tests/citations/corpus.json,
and the same works as corpus.bib) with visie and with pandoc's citeproc and
the official APA 7 CSL style (Debian's citation-style-language-styles, locale
nl-NL; narrative citations also with a copy of it that joins names by "en", see
docs/citations.md), and compares them entry by entry and citation by citation.

    python3 tests/citations/oracle.py VISIE_BIN [--min 0.95] [--show]

Passes when at least --min of the entries and of the citations are
identical and every difference is one listed in docs/citations.md (by the
reference id or citation number this script prints). Skips (exit 77, which
CTest reports as skipped) when pandoc or apa.csl is missing; scripts/test
installs them. Also checks that corpus.bib gives visie the same output as
corpus.json."""
import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CSL = pathlib.Path("/usr/share/citation-style-language/styles/apa.csl")
SKIP = 77


def citations_text(refs):
    """The chapter text: every work cited in parentheses and in running
    text, then groups and locators (citations.md in this folder)."""
    lines = (HERE / "citations.md").read_text(encoding="utf-8").strip().split("\n")
    for r in refs:
        lines.append(f"Zie [@{r['id']}]. Volgens @{r['id']} is het zo.")
    return "\n\n".join(lines) + "\n"


def normalise(fragment):
    """HTML to a comparable string: italics as <i>, links as their text,
    entities decoded, white space collapsed."""
    s = re.sub(r"</?(em|i)>", lambda m: "</i>" if m.group(0).startswith("</") else "<i>",
               fragment)
    s = re.sub(r"<(?!/?i>)[^>]+>", "", s)
    s = html.unescape(s).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def citation_spans(page):
    """The inner HTML of every <span class="citation">, nested spans kept."""
    out = []
    for m in re.finditer(r'<span class="citation"[^>]*>', page):
        depth, at = 1, m.end()
        for tag in re.finditer(r"<span\b[^>]*>|</span>", page[at:]):
            depth += -1 if tag.group(0) == "</span>" else 1
            if depth == 0:
                out.append(page[at:at + tag.start()])
                break
    return out


def narrative_csl(workdir):
    """apa.csl with the one change APA 8.17 needs and CSL 1.0 cannot say:
    the names of a citation joined by the word "and" ("en") rather than "&".
    CSL has no way to tell a narrative citation ("Smit en Jansen (2017)")
    from a parenthetical one ("(Smit & Jansen, 2017)"): apa.csl renders both
    with the macro author-intext, with and="symbol". The oracle takes the
    narrative citations from a run with this copy, and the parenthetical
    ones (and the list) from the unchanged style."""
    style = CSL.read_text(encoding="utf-8")
    start = style.index('<macro name="author-intext">')
    end = style.index("</macro>", start)
    macro = style[start:end]
    changed = macro.replace('and="symbol"', 'and="text"')
    if changed == macro:
        sys.exit(f"{CSL}: author-intext has no and=\"symbol\" (a new apa.csl?)")
    path = workdir / "apa-narrative.csl"
    path.write_text(style[:start] + changed + style[end:], encoding="utf-8")
    return path


def pandoc(refs_path, text, workdir, csl=CSL):
    md = workdir / "doc.md"
    md.write_text(f"---\nbibliography: {refs_path}\nlang: nl-NL\nsuppress-bibliography: false\n"
                  f"---\n\n{text}", encoding="utf-8")
    out = subprocess.run(["pandoc", str(md), "--citeproc", "--csl", str(csl), "-t", "html",
                          "--wrap=none"], capture_output=True, text=True, check=True).stdout
    cites = [normalise(m) for m in citation_spans(out)]
    entries = {m[0]: normalise(m[1]) for m in
               re.findall(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', out,
                          re.S)}
    return cites, entries


def visie(binary, refs_path, text, workdir, style="apa"):
    content = workdir / "content"
    (content / "chapters").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "visie.json").write_text(json.dumps({
        "title": "Orakel", "language": "nl", "organisation": "Test",
        **({"citation-style": style} if style != "apa" else {})}), encoding="utf-8")
    (content / "versions.json").write_text(json.dumps({"versions": [{
        "id": "v1", "label": "Versie 1", "period": "2024", "status": "draft",
        "milestone": "Test", "inputs": ["Test"], "frozen": False}]}), encoding="utf-8")
    (content / "chapters" / "01-citaten.md").write_text(
        "---\ntitle: Citaten\norder: 1\n---\n" + text, encoding="utf-8")
    shutil.copy(refs_path, content / "data" / ("references" + refs_path.suffix))
    site = workdir / "site"
    run = subprocess.run([binary, "build", "--content", str(content), "--out", str(site)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"visie build failed:\n{run.stderr}")
    chapter = next(site.rglob("citaten.html")).read_text(encoding="utf-8")
    body = chapter[chapter.find("<main"):]
    cites = [normalise(m) for m in citation_spans(body)]
    lit = next(site.rglob("literatuur.html")).read_text(encoding="utf-8")
    listed = re.findall(r'<li id="ref-([^"]+)">(.*?)</li>', lit, re.S)
    entries = {m[0]: normalise(m[1]) for m in listed}
    if style == "vancouver":
        # The keys each citation links, in the order of the text.
        keys = [re.findall(r'href="[^"]*#ref-([^"]+)"', c) for c in citation_spans(body)]
        return cites, keys, [m[0] for m in listed], entries
    return cites, entries, run.stderr


def check_vancouver(binary, corpus, text, workdir):
    """Vancouver numbers the works in the order of first citation: the
    numbers first appear as 1, 2, 3, …, and the list follows them."""
    cites, keys, order, entries = visie(binary, corpus, text, workdir, "vancouver")
    problems = []
    first_cited = []
    for c, k in zip(cites, keys):
        # A personal communication has no number (docs/citations.md).
        if "persoonlijke communicatie" in c:
            continue
        if not re.fullmatch(r"\((?:\w+ )?\d+(?:[–,] ?\d+)*(?:, p+\. [\d–]+)?\)"
                            r"|.+ \(\d+(?:, p+\. [\d–]+)?\)", c):
            problems.append(f"Vancouver citation is not numbered: {c}")
        for key in k:
            if key not in first_cited:
                first_cited.append(key)
    if order[:len(first_cited)] != first_cited:
        problems.append("Vancouver list is not in the order of first citation")
    for c, k in zip(cites, keys):
        for key in k:
            if key in order and not re.search(rf"(?<!\d){order.index(key) + 1}(?!\d)", c):
                problems.append(f"Vancouver citation {c} lacks number {order.index(key) + 1}")
    print(f"Vancouver: {len(cites)} citations, {len(order)} entries, numbered in order of "
          f"first citation: {'yes' if not problems else 'no'}")
    return problems


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    minimum = float(args[args.index("--min") + 1]) if "--min" in args else 0.95
    show = "--show" in args
    if shutil.which("pandoc") is None or not CSL.exists():
        print("SKIPPED: pandoc or apa.csl missing (apt-get install pandoc "
              "citation-style-language-styles citation-style-language-locales; scripts/test "
              "installs them)")
        return SKIP
    corpus = HERE / "corpus.json"
    refs = json.loads(corpus.read_text(encoding="utf-8"))
    text = citations_text(refs)
    documented = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "p").mkdir()
        p_cites, p_entries = pandoc(corpus, text, tmp / "p")
        (tmp / "n").mkdir()
        n_cites, _ = pandoc(corpus, text, tmp / "n", narrative_csl(tmp / "n"))
        (tmp / "v").mkdir()
        v_cites, v_entries, warnings = visie(binary, corpus, text, tmp / "v")
        (tmp / "b").mkdir()
        b_cites, b_entries, _ = visie(binary, HERE / "corpus.bib", text, tmp / "b")
        (tmp / "vc").mkdir()
        failures += check_vancouver(binary, corpus, text, tmp / "vc")
    if "warning:" in warnings or "error:" in warnings:
        failures.append(f"visie warned on corpus.json:\n{warnings}")
    # The .bib file holds the same works: visie must print the same.
    for rid in sorted(set(v_entries) | set(b_entries)):
        if v_entries.get(rid) != b_entries.get(rid):
            failures.append(f".bib entry {rid} differs:\n  json: {v_entries.get(rid)}\n"
                            f"  bib:  {b_entries.get(rid)}")
    if v_cites != b_cites:
        failures.append(".bib citations differ from the .json ones")

    ids = sorted(set(p_entries) | set(v_entries))
    same_entries = 0
    for rid in ids:
        p, v = p_entries.get(rid), v_entries.get(rid)
        if p == v:
            same_entries += 1
            continue
        listed = f"entry {rid}" in documented
        if show or not listed:
            print(f"entry {rid}{'' if listed else ' (undocumented)'}\n  citeproc: {p}\n"
                  f"  visie:    {v}")
        if not listed:
            failures.append(f"entry {rid} differs and docs/citations.md does not list it")
    if len(p_cites) != len(v_cites):
        failures.append(f"citeproc found {len(p_cites)} citations, visie {len(v_cites)}")
    same_cites = 0
    strict_cites = 0
    for n, (p, narrative, v) in enumerate(zip(p_cites, n_cites, v_cites), start=1):
        strict_cites += p == v
        # A narrative citation (citeproc writes it without parentheses
        # around it) is compared with the run that joins names by "en".
        if not p.startswith("("):
            p = narrative
        if p == v:
            same_cites += 1
            continue
        listed = f"citation {n}:" in documented
        if show or not listed:
            print(f"citation {n}:{'' if listed else ' (undocumented)'}\n  citeproc: {p}\n"
                  f"  visie:    {v}")
        if not listed:
            failures.append(f"citation {n} differs and docs/citations.md does not list it")
    total_cites = max(len(p_cites), len(v_cites))
    print(f"entries identical: {same_entries}/{len(ids)} ({same_entries / len(ids):.1%}); "
          f"citations identical: {same_cites}/{total_cites} ({same_cites / total_cites:.1%}; "
          f"against apa.csl unchanged also for narrative citations: {strict_cites}/{total_cites})")
    if same_entries < minimum * len(ids):
        failures.append(f"fewer than {minimum:.0%} of the entries are identical")
    if same_cites < minimum * total_cites:
        failures.append(f"fewer than {minimum:.0%} of the citations are identical")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
