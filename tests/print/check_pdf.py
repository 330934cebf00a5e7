#!/usr/bin/env python3
"""The print edition as a reader gets it: `visie build --pdf` on the bundled
content renders every version with WeasyPrint; pdftotext reads the final
version and a concept back page by page. Chromium prints the same
print.html. The expectations come from the content folder itself (front
matter and versions.json), not from visie's output.

usage: check_pdf.py VISIE_BIN SOURCE_DIR
"""
import json
import os
import re
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
CONCEPT_MARK = "CONCEPT — niet citeren"


def collapse(text):
    return " ".join(text.split())


def chapters_of(version_id, frozen):
    """The titles of a version's chapters in order, from their front matter."""
    return chapter_titles(CONTENT, version_id, frozen)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


class Pdf:
    """A PDF read back with pdftotext, one text per page."""

    def __init__(self, path):
        self.path = path
        info = run(["pdfinfo", str(path)]).stdout
        self.count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        self.pages = [run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"]).stdout
                      for n in range(1, self.count + 1)]

    def text(self, number):
        return self.pages[number - 1]

    def lines(self, number):
        return [line.strip() for line in self.text(number).splitlines() if line.strip()]


def setUpModule():
    global WORK, SITE, VERSIONS, PROJECT
    if shutil.which("weasyprint") is None:
        raise RuntimeError("weasyprint is not installed (scripts/test installs it)")
    WORK = Path(tempfile.mkdtemp(prefix="visie-pdf-"))
    SITE = WORK / "site"
    subprocess.run([str(VISIE), "build", "-q", "--pdf", "--content", str(CONTENT), "--out", str(SITE)],
                   check=True)
    VERSIONS = {v["id"]: v for v in json.loads((CONTENT / "versions.json").read_text())["versions"]}
    PROJECT = json.loads((CONTENT / "visie.json").read_text())


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


class PrintEditionTest:
    """The checks for one version; subclasses name it."""

    version = None
    pdf = None

    @classmethod
    def setUpClass(cls):
        pdfs = sorted((SITE / cls.version).glob("*.pdf"))
        assert len(pdfs) == 1, f"one PDF in {cls.version}/, found {pdfs}"
        cls.pdf = Pdf(pdfs[0])
        v = VERSIONS[cls.version]
        cls.meta = v
        cls.chapters = chapters_of(cls.version, v.get("frozen", False))
        # The lists at the end, where the version has their data.
        data = CONTENT / "versions" / cls.version / "data" if v.get("frozen") else CONTENT / "data"
        cls.appendices = []
        if (data / "references.json").exists() and json.loads((data / "references.json").read_text()):
            cls.appendices.append("Literatuur")
        if (data / "terms.json").exists() and json.loads((data / "terms.json").read_text()).get("terms"):
            cls.appendices.append("Begrippenlijst")

    def start_page(self, heading):
        """The page whose body (below the running header) opens with `heading`."""
        for n in range(3, self.pdf.count + 1):
            lines = self.pdf.lines(n)
            if len(lines) > 1 and collapse(" ".join(lines[1:])).startswith(heading):
                return n
        return None

    def toc_text(self):
        return collapse(self.pdf.text(2))

    def test_pdf_file_name_is_the_project_slug_and_version(self):
        self.assertEqual(self.pdf.path.name, f"visie-op-zelfmanagement-{self.version}.pdf")
        self.assertEqual(self.pdf.path.read_bytes()[:5], b"%PDF-")

    def test_cover_shows_title_version_label_status_and_period(self):
        cover = collapse(self.pdf.text(1))
        self.assertIn(PROJECT["title"], cover)
        self.assertIn(self.meta["label"], cover)
        self.assertIn(collapse(self.meta["period"]), cover)
        status = {"final": "definitief", "concept": "concept", "draft": "werkversie"}[self.meta["status"]]
        self.assertIn(f"Status {status}", cover)
        # No running header or page number on the cover.
        self.assertNotRegex(self.pdf.text(1), r"(?m)^\s*1\s*$")

    def test_toc_gives_the_page_each_chapter_really_starts_on(self):
        toc = self.toc_text()
        self.assertEqual(self.pdf.lines(2)[1], "Inhoud")
        entries = [(f"{i} {t}", f"{i} {t}") for i, t in enumerate(self.chapters, 1)]
        entries += [(t, t) for t in self.appendices]
        previous = 2
        for in_toc, heading in entries:
            m = re.search(re.escape(in_toc) + r"(?:\s*\.)*\s*(\d+)", toc)
            self.assertIsNotNone(m, f"{in_toc!r} not in the contents: {toc}")
            start = self.start_page(heading)
            self.assertIsNotNone(start, f"no page starts with {heading!r}")
            self.assertEqual(int(m.group(1)), start, f"{in_toc!r}: contents says {m.group(1)}, "
                                                     f"the chapter starts on page {start}")
            self.assertGreater(start, previous)
            previous = start

    def test_running_header_inside_chapter_two_is_its_title(self):
        first = self.start_page(f"2 {self.chapters[1]}")
        after = self.start_page(f"3 {self.chapters[2]}")
        # A page inside chapter 2: its last page (its only one if it is short).
        page = max(first, after - 1)
        header = self.pdf.lines(page)[0]
        self.assertTrue(header.endswith(self.chapters[1]), f"page {page} header: {header!r}")
        self.assertTrue(header.startswith(PROJECT["title"]), header)
        # The page number is in the footer.
        self.assertRegex(self.pdf.lines(page)[-1], rf"^{re.escape(self.meta['label'])}\b.*\s{page}$")

    def test_every_page_has_text_below_its_running_header(self):
        for n in range(1, self.pdf.count + 1):
            lines = self.pdf.lines(n)
            # Below the header, less the footer (edition, concept mark, number).
            body = [l for l in lines[1:] if collapse(l.replace(CONCEPT_MARK, "")) not in
                    ("", f"{self.meta['label']} {n}")]
            self.assertTrue(body, f"page {n} is blank: {lines}")

    def test_concept_mark_on_concept_pages_only(self):
        for n in range(1, self.pdf.count + 1):
            on_page = CONCEPT_MARK in self.pdf.text(n)
            self.assertEqual(on_page, self.meta["status"] == "concept", f"page {n}")


def words_of(path):
    """Every word of a PDF as (page, height in pt, text), from pdftotext -bbox."""
    html = run(["pdftotext", "-bbox", str(path), "-"]).stdout
    words = []
    for page, body in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             body):
            words.append((page, float(m.group(4)) - float(m.group(2)), m.group(5)))
    return words


class ReadableText:
    """No text under 7 pt, and the definitions matrix printed whole: the
    checks of the print edition's small print, for a version built with the
    current templates."""

    MATRIX_CAPTION = "Welke elementen de definities noemen"

    def test_no_link_points_at_a_local_file(self):
        # A relative link that leaves the edition would be resolved against
        # the build's staging folder: a local path in a published PDF, and
        # bytes that differ from build to build.
        data = self.pdf.path.read_bytes()
        self.assertEqual(re.findall(rb"/URI \((file:[^)]*)\)", data), [])

    def test_no_text_under_7_pt(self):
        # A word box is as tall as the font's ascent plus descent: 7 pt
        # boxes are about 6 pt type, the smallest the edition allows.
        small = [(page, round(h, 2), text) for page, h, text in words_of(self.pdf.path) if h < 7]
        self.assertEqual(small[:20], [], f"{len(small)} words under 7 pt")

    def test_matrix_headings_are_whole_words_and_the_dots_print_black(self):
        pages = [n for n in range(1, self.pdf.count + 1) if self.MATRIX_CAPTION in collapse(self.pdf.text(n))]
        self.assertTrue(pages, "the definitions matrix is printed")
        data = CONTENT / "versions" / self.version / "data" if self.meta.get("frozen") else CONTENT / "data"
        definitions = json.loads((data / "definitions.json").read_text())["definitions"]
        labels = sorted({e for d in definitions for e in d.get("elements", [])})
        words = {text.lower() for page, _, text in words_of(self.pdf.path) if page == pages[0]}
        for label in labels:
            # A label, or an element's id ("eigen-regie") where the
            # version names its elements elsewhere.
            for word in re.split(r"[\s-]+", label):
                self.assertIn(word.lower(), words, f"heading \"{label}\" broken inside a word")
        # The dots: no blue on the page (pdftoppm's PPM, RGB per pixel).
        out = WORK / f"matrix-{self.version}"
        run(["pdftoppm", "-r", "30", "-f", str(pages[0]), "-l", str(pages[0]), str(self.pdf.path), str(out)])
        ppm = next(WORK.glob(f"matrix-{self.version}*.ppm")).read_bytes()
        pixels = ppm.split(b"\n", 3)[3]
        blue = sum(1 for i in range(0, len(pixels) - 2, 3)
                   if pixels[i + 2] - pixels[i] > 80 and pixels[i + 2] - pixels[i + 1] > 30)
        # The blue of the caption's label is a few pixels; the blue dots
        # were 40 to 80 on a page.
        self.assertLess(blue, 20, f"{blue} blue pixels on the matrix page")


class FinalVersion(PrintEditionTest, ReadableText, unittest.TestCase):
    version = "final"

    def test_download_link_knows_the_pdf_pages_and_size(self):
        index = json.loads((SITE / "versions.json").read_text())
        entry = next(v for v in index["versions"] if v["id"] == self.version)
        self.assertEqual(entry["pdf"], self.pdf.path.name)
        self.assertEqual(entry["pdf_pages"], self.pdf.count)
        self.assertEqual(entry["pdf_bytes"], self.pdf.path.stat().st_size)

    def test_footnote_at_the_foot_of_the_page_that_calls_it(self):
        page = next(n for n in range(1, self.pdf.count + 1)
                    if "contact met een zorgverlener." in self.pdf.text(n))
        text = collapse(self.pdf.text(page))
        self.assertIn("zorgverlener.1 De rest", text)
        # After the body text, above the footer.
        self.assertRegex(text, r"1\. Vilans, handleiding ‘Zorgen voor Zelfzorg’, voorwoord\. .*Eindproduct \d+$")

    def test_justified_text_is_hyphenated_in_dutch(self):
        # WeasyPrint hyphenates with the system's patterns (hyphen-nl):
        # without them no line ends in a hyphen and the gaps grow wide.
        broken = [line for page in self.pdf.pages for line in page.splitlines()
                  if re.search(r"\w[\u2010-]$", line.rstrip())]
        self.assertGreater(len(broken), 20, "lines that end in a hyphenated word")

    def test_figures_and_tables_are_numbered(self):
        text = collapse(" ".join(self.pdf.pages))
        # Chapter 5 opens with the cluster board, then the LAZ model.
        self.assertIn("Figuur 5.1: Aspecten van zelfmanagement per cluster", text)
        self.assertRegex(text, r"Figuur 5\.\d: Model zelfmanagement van het LAZ")
        self.assertIn("Tabel 3.1 Programma: Close the gap!", text)

    def test_figures_are_drawn_in_grey_not_filled_black(self):
        # The perspectives matrix is the largest drawing: its page, rendered
        # in greyscale, must be mostly light (notes are white or light grey
        # with black outlines); unresolved colours would fill it black.
        page = next(n for n in range(1, self.pdf.count + 1)
                    if "Figuur 6.1:" in self.pdf.text(n))
        out = WORK / "figure-page"
        run(["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(self.pdf.path), str(out)])
        pgm = next(WORK.glob("figure-page*.pgm")).read_bytes()
        # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
        header = pgm.split(b"\n", 3)
        pixels = header[3]
        dark = sum(1 for b in pixels if b < 64) / len(pixels)
        self.assertLess(dark, 0.15, f"page {page} is {dark:.0%} black")

    def test_chromium_prints_every_chapter(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            self.skipTest("chromium is not installed")
        out = WORK / "chromium.pdf"
        profile = WORK / "chromium-profile"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", (SITE / "final" / "print.html").as_uri()],
                       check=True, capture_output=True, timeout=180)
        pdf = Pdf(out)
        text = collapse(" ".join(pdf.pages))
        self.assertGreater(pdf.count, 10)
        for i, title in enumerate(self.chapters, 1):
            self.assertIn(f"{i} {title}", text)
        self.assertIn(self.meta["label"], collapse(pdf.text(1)))
        # Without page footnotes each chapter's notes stand at its end.
        self.assertIn("Noten 1. Vilans, handleiding ‘Zorgen voor Zelfzorg’, voorwoord.", text)
        self.assertNotIn("[1: ", text)
        self.assertNotIn(CONCEPT_MARK, text)


class ConceptVersion(PrintEditionTest, unittest.TestCase):
    version = "concept-2"


class WorkingDraft(ReadableText, unittest.TestCase):
    """The working draft is always built with the current templates (the
    frozen versions print what they published until they are refrozen)."""
    version = "werkversie"

    @classmethod
    def setUpClass(cls):
        pdfs = sorted((SITE / cls.version).glob("*.pdf"))
        assert len(pdfs) == 1, f"one PDF in {cls.version}/, found {pdfs}"
        cls.pdf = Pdf(pdfs[0])
        cls.meta = VERSIONS[cls.version]


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
