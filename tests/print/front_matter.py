"""What the print tests expect, read from the content folder itself (the
chapters' front matter), not from visie's output."""
import re


def chapter_titles(content, version_id, frozen):
    """The titles of a version's chapters in their order."""
    folder = content / "versions" / version_id / "chapters" if frozen else content / "chapters"
    chapters = []
    for md in sorted(folder.glob("*.md")):
        front = md.read_text(encoding="utf-8").split("---")[1]
        title = re.search(r"^title:\s*(.+)$", front, re.M).group(1).strip()
        if title[0] in "\"'" and title[-1] == title[0]:
            title = title[1:-1]
        order = int(re.search(r"^order:\s*(\d+)", front, re.M).group(1))
        chapters.append((order, title))
    return [title for _, title in sorted(chapters)]
