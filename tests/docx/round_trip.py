#!/usr/bin/env python3
"""The Word review round trip (issue 25, docs/review.md "Review in Word").

A version's Word file is re-saved by LibreOffice (headless), and a comment
and a tracked change are added to that LibreOffice-written file as
LibreOffice writes them; the same, plus a reply, is added with the
structure Word 365 writes (commentsExtended.xml) to the file as visie
wrote it. Both go through `visie review import-docx`, `review export` and
`build`; the next version's commentaar.html must then show each comment at
its paragraph, with the suggested text.

The Word file is the one `visie build --docx` writes when the binary has
that option; until then it is made here from the built pages, with the
bookmark around each block that model/docx.hpp names.

Usage: round_trip.py VISIE_BIN SOURCE_DIR. Exit 77 (skipped) without
LibreOffice (`soffice`).
"""
import hashlib
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

VERSION = "final"  # the last frozen version: the working draft is next
NEXT = "werkversie"
COMMENTED = ("begrippen", "p-do7o5xr")
CHANGED = ("begrippen", "p-co8g3xb")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def bookmark(chapter, block):
    """model::docx_bookmark()."""
    digest = hashlib.sha256(chapter.encode() + b"\0" + block.encode()).hexdigest()
    return "visie_" + digest[:12]


def run(*args, **kw):
    r = subprocess.run(list(map(str, args)), capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{r.stdout}{r.stderr}")
    return r.stdout + r.stderr


def esc(text):
    return html.escape(text, quote=True)


def blocks_of(page):
    """The (id, text) of each paragraph and list item of a built chapter page."""
    out = []
    for m in re.finditer(r'<(p|li)\b[^>]* id="([^"]+)"[^>]*>(.*?)</\1>', page, re.S):
        body = re.sub(r'<a class="ref".*?</a>', "", m.group(3), flags=re.S)
        text = html.unescape(" ".join(re.sub(r"<[^>]+>", "", body).split()))
        if text and m.group(2).startswith(("p-", "li-")):
            out.append((m.group(2), text))
    return out


def hand_made_docx(site, path):
    """A Word file of VERSION's two chapters, each block in its bookmark."""
    body = []
    n = 0
    for chapter in ("begrippen", "aanpak"):
        page = (site / VERSION / f"{chapter}.html").read_text(encoding="utf-8")
        for block, text in blocks_of(page):
            n += 1
            body.append(
                f'<w:p><w:bookmarkStart w:id="{n}" w:name="{bookmark(chapter, block)}"/>'
                f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
                f'<w:bookmarkEnd w:id="{n}"/></w:p>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
        z.writestr("word/document.xml", document)


def first_text_run(document, chapter, block, words=1):
    """The span of the first run after the bookmark of the block whose text
    has at least `words` words."""
    m = re.search(r'<w:bookmarkStart [^>]*w:name="%s"[^>]*/>' % bookmark(chapter, block), document)
    assert m, f"no bookmark for {chapter}/{block} in the Word file"
    for r in re.finditer(r"<w:r\b[^>]*>(?:(?!</w:r>).)*?<w:t\b[^>]*>([^<]+)</w:t>.*?</w:r>",
                         document[m.end():], re.S):
        if len(html.unescape(r.group(1)).split()) >= words:
            return m.end() + r.start(), m.end() + r.end()
    raise AssertionError(f"no text after the bookmark of {chapter}/{block}")


def add_review(src, dst, author, date, comment, change_word, reply=None):
    """Copies the Word file `src` to `dst` with a comment on COMMENTED's
    first run and a tracked change in CHANGED's: its second word deleted,
    `change_word` inserted, both by `author`. With `reply`, Word 365's
    structure: paragraph ids and commentsExtended.xml with a reply."""
    with zipfile.ZipFile(src) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")

    # The tracked change first (it is later in the file than the comment).
    start, end = first_text_run(doc, *CHANGED, words=3)
    r = doc[start:end]
    rpr = (re.search(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", r, re.S) or [""])[0]
    t = re.search(r"<w:t\b[^>]*>([^<]+)</w:t>", r)
    words = html.unescape(t.group(1)).strip().split(" ")
    first, old, rest = words[0], words[1], " ".join(words[2:])
    changed = (
        f'<w:r>{rpr}<w:t xml:space="preserve">{esc(first)} </w:t></w:r>'
        f'<w:del w:id="9001" w:author="{author}" w:date="{date}"><w:r>{rpr}'
        f'<w:delText xml:space="preserve">{esc(old)}</w:delText></w:r></w:del>'
        f'<w:ins w:id="9002" w:author="{author}" w:date="{date}"><w:r>{rpr}'
        f'<w:t xml:space="preserve">{esc(change_word)}</w:t></w:r></w:ins>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> {esc(rest)}</w:t></w:r>')
    doc = doc[:start] + changed + doc[end:]
    expected_change = (first, change_word, old)

    start, end = first_text_run(doc, *COMMENTED)
    ids = ["9100"] + (["9101"] if reply else [])
    doc = (doc[:start] + "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids) +
           doc[start:end] +
           "".join(f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>'
                   for i in ids) + doc[end:])
    parts["word/document.xml"] = doc.encode("utf-8")

    def comment_xml(cid, who, when, text, para):
        pid = f' w14:paraId="{para}"' if reply else ""
        return (f'<w:comment w:id="{cid}" w:author="{who}" w:date="{when}" w:initials="X">'
                f'<w:p{pid}><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'
                f'</w:comment>')
    comments = comment_xml("9100", author, date, comment, "3A000001")
    if reply:
        comments += comment_xml("9101", reply[0], reply[1], reply[2], "3A000002")
    ns = (f'xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
          'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"')
    # The comments part, with the comments it may hold already (pandoc
    # writes an empty one, LibreOffice none when there are none).
    kept = "".join(re.findall(r"<w:comment\b.*?</w:comment>",
                              parts.get("word/comments.xml", b"").decode("utf-8"), re.S))
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {ns}>{kept}{comments}</w:comments>').encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    if "/word/comments.xml" not in types:
        parts["[Content_Types].xml"] = types.replace("</Types>", (
            '<Override PartName="/word/comments.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')).encode()
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    if 'Target="comments.xml"' not in rels:
        parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdVisieComments" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>')).encode()
    if reply:
        parts["word/commentsExtended.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx {ns}>'
            '<w15:commentEx w15:paraId="3A000001" w15:done="0"/>'
            '<w15:commentEx w15:paraId="3A000002" w15:paraIdParent="3A000001" w15:done="0"/>'
            '</w15:commentsEx>').encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return expected_change


def item_with(page, text):
    at = page.find(esc(text).replace("&#x27;", "'"))
    assert at >= 0, f"commentaar.html does not show {text!r}"
    start = page.rfind('<li class="disposition"', 0, at)
    return page[start:page.find("</li>", at)]


def main():
    visie, source = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped: no soffice (Debian: libreoffice-writer-nogui)")
        return 77
    with tempfile.TemporaryDirectory(prefix="visie-docx-") as tmp:
        tmp = pathlib.Path(tmp)
        content = tmp / "content"
        shutil.copytree(source / "content", content)
        shutil.rmtree(content / "reviews")  # only the imported comments show
        site = tmp / "site"
        flags = ["--content", content, "--db", tmp / "store.sqlite"]

        has_docx = "--docx" in run(visie, "build", "--help")
        run(visie, "build", "-q", "--content", content, "--out", site, *(["--docx"] if has_docx else []))
        if has_docx:
            written = sorted((site / VERSION).glob("*.docx"))
            assert written, f"visie build --docx wrote no .docx in {site / VERSION}"
            original = written[0]
        else:
            original = tmp / "visie.docx"
            hand_made_docx(site, original)

        # LibreOffice re-saves it (its own profile: other runs may be open).
        lo = tmp / "lo"
        run(soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", lo, original, timeout=300)
        resaved = lo / original.name
        assert resaved.exists(), "LibreOffice wrote no .docx"
        with zipfile.ZipFile(resaved) as z:
            assert b"LibreOffice" in z.read("docProps/app.xml"), "not written by LibreOffice"

        libre = tmp / "libreoffice.docx"
        libre_change = add_review(resaved, libre, "Eva Smit", "2026-11-10T09:00:00Z",
                                  "Opmerking uit LibreOffice.", "aangepast")
        word = tmp / "word365.docx"
        word_change = add_review(original, word, "Frank Bos", "2026-11-11T10:00:00Z",
                                 "Opmerking uit Word.", "herschreven",
                                 reply=("Gert Vos", "2026-11-11T11:00:00Z", "Eens met Frank."))

        out = run(visie, "review", "import-docx", libre, "--version", VERSION, "--role", "expert", *flags)
        assert "2 added" in out, out
        out = run(visie, "review", "import-docx", word, "--version", VERSION, "--role", "client", *flags)
        assert "3 added" in out, out
        out = run(visie, "review", "import-docx", word, "--version", VERSION, "--role", "client", *flags)
        assert "0 added, 3 already there" in out, out
        run(visie, "review", "export", "--version", VERSION, *flags)
        run(visie, "build", "-q", "--content", content, "--out", site)

        page = (site / NEXT / "commentaar.html").read_text(encoding="utf-8")
        for name in ("Eva", "Frank", "Gert"):
            assert name not in page.replace("Eens met Frank", ""), f"{name} on the page"
        commented = f'href="{COMMENTED[0]}.html#{COMMENTED[1]}"'
        changed = f'href="{CHANGED[0]}.html#{CHANGED[1]}"'
        for text in ("Opmerking uit LibreOffice.", "Opmerking uit Word.", "Eens met Frank."):
            assert commented in item_with(page, text), f"{text!r} is not at {COMMENTED}"
        for first, new, old in (libre_change, word_change):
            item = item_with(page, f"{first} {new} ")
            assert changed in item, f"the change {new!r} is not at {CHANGED}"
            assert "Wijziging voorgesteld in Word" in item
            assert f"{first} {old} " not in item.split("disposition-comment")[1], item
        print("round trip: LibreOffice and Word 365 comments and changes at their blocks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
