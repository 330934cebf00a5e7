#!/usr/bin/env python3
"""The Word files as a reviewer opens them: `visie build --docx` on the
bundled content writes every version's .docx with pandoc; LibreOffice
(headless) converts each to PDF -- it opens the file without repair -- and
pdftotext reads it back. Every chapter heading of the version must be there.
The expectations come from the content folder (front matter and
versions.json), not from visie's output.

usage: check_docx.py VISIE_BIN SOURCE_DIR
Exit code 77 (skipped) when pandoc, rsvg-convert, soffice or pdftotext is
missing.
"""
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from front_matter import chapter_titles

VISIE = Path(sys.argv[1]) if len(sys.argv) > 1 else None
SOURCE = Path(sys.argv[2]) if len(sys.argv) > 2 else None
CONTENT = SOURCE / "content" if SOURCE else None
TOOLS = ("pandoc", "rsvg-convert", "soffice", "pdftotext")


def collapse(text):
    return " ".join(text.split())


def chapters_of(version_id, frozen):
    """The titles of a version's chapters in order, from their front matter."""
    return chapter_titles(CONTENT, version_id, frozen)


def setUpModule():
    global WORK, SITE, VERSIONS, PDFS
    WORK = Path(tempfile.mkdtemp(prefix="visie-docx-"))
    SITE = WORK / "site"
    subprocess.run([str(VISIE), "build", "-q", "--docx", "--no-cache", "--content", str(CONTENT),
                    "--out", str(SITE)], check=True)
    VERSIONS = json.loads((CONTENT / "versions.json").read_text())["versions"]
    # One LibreOffice run for every file, with a profile of its own (a
    # running LibreOffice of the user is not disturbed).
    PDFS = WORK / "pdf"
    docx = sorted(str(p) for p in SITE.glob("*/*.docx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{WORK}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(PDFS), *docx],
                   check=True, capture_output=True, timeout=540)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


class WordFileTest(unittest.TestCase):
    def test_every_version_has_a_word_file_that_libreoffice_opens(self):
        for v in VERSIONS:
            with self.subTest(version=v["id"]):
                name = f"visie-op-zelfmanagement-{v['id']}"
                docx = SITE / v["id"] / f"{name}.docx"
                self.assertTrue(docx.exists(), docx)
                self.assertEqual(docx.read_bytes()[:4], b"PK\x03\x04")
                pdf = PDFS / f"{name}.pdf"
                self.assertTrue(pdf.exists(), f"LibreOffice did not convert {docx.name}")

    def test_every_chapter_heading_is_in_the_text(self):
        for v in VERSIONS:
            with self.subTest(version=v["id"]):
                pdf = PDFS / f"visie-op-zelfmanagement-{v['id']}.pdf"
                text = collapse(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                               capture_output=True, text=True).stdout)
                chapters = chapters_of(v["id"], v.get("frozen", False))
                self.assertGreater(len(chapters), 2)
                for number, title in enumerate(chapters, 1):
                    self.assertIn(f"{number} {collapse(title)}", text)


if __name__ == "__main__":
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (scripts/test installs them)")
        sys.exit(77)
    unittest.main(argv=sys.argv[:1])
