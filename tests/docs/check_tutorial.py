#!/usr/bin/env python3
"""Runs docs/tutorial.md end to end with a built visie, so the docs cannot drift.

Usage: check_tutorial.py VISIE_BINARY SOURCE_DIR

In a fresh temporary folder it runs, in the order the tutorial gives them:

- every line of every ```sh block (`cd` moves the working folder; `visie serve`
  runs for good, so it is skipped), each of which must succeed;
- the steps the tutorial describes in prose, marked by HTML comments that a
  reader does not see:
    <!-- test: tree -->            the next block lists files: each must exist
                                    (a line at column 0 ending in '/' is a folder
                                    the indented lines below it are in; '*' globs)
    <!-- test: edit FILE "OLD" "NEW" -->
                                    replaces the text OLD with NEW in FILE
    <!-- test: fails COMMAND -->    runs COMMAND, which must fail; each line of the
                                    next block must be a line of its output (a line
                                    ending in " …" only its start)
    <!-- test: run COMMAND -->      runs COMMAND, which must succeed
    <!-- test: append-version -->   adds the object of the next ```json block to
                                    the "versions" of content/versions.json

It also checks that docs/content-format.md names every table caption prefix the
Markdown module accepts.
"""

import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def blocks_and_marks(text):
    """The tutorial as a list of ("mark", words) and ("block", lang, lines), in order."""
    items = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        mark = re.fullmatch(r"\s*<!-- test: (.*?) -->\s*", line)
        if mark:
            items.append(("mark", shlex.split(mark.group(1))))
        elif line.startswith("```"):
            lang = line[3:].strip()
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            items.append(("block", lang, body))
        i += 1
    return items


def run(visie, cwd, words):
    if words and words[0] == "visie":
        words = [visie] + words[1:]
    result = subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


def check_tree(cwd, lines):
    base = ""
    for line in lines:
        if not line.strip():
            continue
        name = line.split()[0]
        if not line.startswith(" "):
            path = name
            if name.endswith("/"):
                base = name
        else:
            path = base + name
        if not glob.glob(os.path.join(cwd, path)):
            fail("the tutorial lists " + path + ", which `visie new` did not make")


def check_output(command, output, expected):
    got = output.split("\n")
    for want in expected:
        if not want.strip():
            continue
        if want.endswith(" …"):
            ok = any(line.startswith(want[:-2]) for line in got)
        else:
            ok = want in got
        if not ok:
            fail("`" + " ".join(command) + "` does not print\n  " + want + "\nit printed:\n" + output)


def check_caption_prefixes(source):
    with open(os.path.join(source, "src/render/markdown/tree.cpp"), encoding="utf-8") as f:
        code = f.read()
    found = re.search(r"caption_prefixes\[\] = \{([^}]*)\}", code)
    if not found:
        fail("render/markdown/tree.cpp no longer lists caption_prefixes: update this check")
        return
    with open(os.path.join(source, "docs/content-format.md"), encoding="utf-8") as f:
        docs = f.read()
    for prefix in re.findall(r'"([^"]*)"', found.group(1)):
        if "`" + prefix + "`" not in docs:
            fail("docs/content-format.md does not name the caption prefix `" + prefix + "`")


def main():
    visie = os.path.abspath(sys.argv[1])
    source = sys.argv[2]
    with open(os.path.join(source, "docs/tutorial.md"), encoding="utf-8") as f:
        items = blocks_and_marks(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        cwd = tmp
        steps = 0
        pending = None  # a mark that reads the next block
        for item in items:
            if item[0] == "mark":
                words = item[1]
                if words[0] == "edit":
                    path = os.path.join(cwd, words[1])
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    if words[2] not in text:
                        fail(words[1] + " does not contain " + repr(words[2]))
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text.replace(words[2], words[3], 1))
                elif words[0] == "run":
                    code, output = run(visie, cwd, words[1:])
                    if code != 0:
                        fail("`" + " ".join(words[1:]) + "` failed:\n" + output)
                elif words[0] == "fails":
                    code, output = run(visie, cwd, words[1:])
                    if code == 0:
                        fail("`" + " ".join(words[1:]) + "` succeeded, the tutorial says it fails")
                    pending = ("output", words[1:], output)
                elif words[0] in ("tree", "append-version"):
                    pending = (words[0],)
                else:
                    fail("unknown test mark: " + " ".join(words))
                steps += 1
                continue
            _, lang, body = item
            if pending is not None:
                kind = pending[0]
                if kind == "tree":
                    check_tree(cwd, body)
                elif kind == "output":
                    check_output(pending[1], pending[2], body)
                elif kind == "append-version" and lang == "json":
                    path = os.path.join(cwd, "content/versions.json")
                    with open(path, encoding="utf-8") as f:
                        versions = json.load(f)
                    versions["versions"].append(json.loads("\n".join(body)))
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(versions, f, ensure_ascii=False, indent=2)
                else:
                    fail("test mark " + kind + " is not followed by a block it can read")
                pending = None
                continue
            if lang != "sh":
                continue
            for line in body:
                words = shlex.split(line, comments=True)
                if not words:
                    continue
                steps += 1
                if words[0] == "cd":
                    cwd = os.path.join(cwd, words[1])
                    continue
                if words[:2] == ["visie", "serve"]:
                    continue  # runs until stopped
                code, output = run(visie, cwd, words)
                if code != 0:
                    fail("`" + line + "` failed (exit " + str(code) + "):\n" + output)
        if steps < 10:
            fail("only " + str(steps) + " steps found in docs/tutorial.md")
    check_caption_prefixes(source)
    if failures:
        print(str(len(failures)) + " failure(s)")
        return 1
    print("the tutorial ran end to end (" + str(steps) + " steps)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
