#!/usr/bin/env python3
"""The JSON Schemas in schemas/ accept every data file of the bundled content
(and its frozen snapshots) and reject the broken fixtures that the loader
rejects too, so editors and visie agree on what is valid.

With `--starter VISIE`, it checks the project `VISIE new` writes instead:
every JSON file of its content names, in "$schema", a schema the project
ships, and validates against it."""
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema


def check_starter(visie: str) -> int:
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        project = pathlib.Path(tmp) / "nieuw"
        subprocess.run([visie, "new", "-q", str(project)], check=True)
        for path in sorted((project / "content").rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, list):
                continue  # CSL-JSON is an array: no "$schema" key (docs/content-format.md)
            checked += 1
            if "$schema" not in data:
                failures.append(f"{path}: no \"$schema\"")
                continue
            schema_path = (path.parent / data["$schema"]).resolve()
            if not schema_path.is_relative_to((project / "schemas").resolve()) or \
                    not schema_path.is_file():
                failures.append(f"{path}: \"$schema\" {data['$schema']} is not a shipped schema")
                continue
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            validator = jsonschema.Draft202012Validator(schema)
            failures += [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                         for e in validator.iter_errors(data)]
    for f in failures:
        print(f)
    print(f"{checked} starter files checked against the shipped schemas, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if len(sys.argv) == 3 and sys.argv[1] == "--starter":
    sys.exit(check_starter(sys.argv[2]))

root = pathlib.Path(sys.argv[1])
schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
           for p in (root / "schemas").glob("*.schema.json")}


def schema_for(path: pathlib.Path) -> str:
    if path.name == "visie.json":
        return "project"
    if path.name == "versions.json":
        return "versions"
    if path.parent.name == "workshops":
        return "workshop"
    if path.parent.name == "models":
        return "model"
    if path.parent.parent.name == "reviews":
        return "review"
    return path.stem  # definitions, terms, references


def validate(path: pathlib.Path) -> list[str]:
    kind = schema_for(path)
    validator = jsonschema.Draft202012Validator(schemas[kind])
    data = json.loads(path.read_text(encoding="utf-8"))
    return [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


failures = []
checked = 0
for schema in schemas.values():
    jsonschema.Draft202012Validator.check_schema(schema)
content = root / "content"
for path in sorted(content.rglob("*.json")):
    checked += 1
    failures += validate(path)

# Each bad fixture below holds one mistake the schema must catch too.
bad = root / "tests" / "fixtures" / "bad" / "schema"
rejected = 0
for path in sorted(bad.rglob("*.json")):
    if not validate(path):
        failures.append(f"{path}: the schema accepts this broken file")
    rejected += 1

for f in failures:
    print(f)
print(f"{checked} content files valid, {rejected} broken fixtures rejected")
print(f"{checked + rejected - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
