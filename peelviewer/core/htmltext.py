"""A saved report web page to the plain-text layout the parser reads: one block per line."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from peelviewer.core.decode import DecodeError, decode_bytes, sniff_encoding
from peelviewer.core.model import Grade

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Page furniture and anything that is not report text.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "head", "nav", "form",
    "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "dialog",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog"}
_DROP_MARKERS = re.compile(r"breadcrumb|cookie|skip-link|govuk-header|govuk-footer|\bshare\b", re.I)
# <header> and <footer> inside the article hold its title and notes, not site furniture.
_PAGE_LEVEL_ONLY = {"header", "footer"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "table", "tr",
    "td", "th", "ul", "ol", "dl", "dt", "dd", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "figure", "figcaption", "address", "hr", "details", "summary", "caption",
}


class HtmlError(ValueError):
    """The page cannot be read; str() is the reason."""


def html_encoding(data: bytes) -> str:
    """The encoding a byte-order mark or a <meta> charset declares, or "". Bytes that are
    valid UTF-8 and not plain ASCII are UTF-8 whatever the page declares: an editor saved
    them again without changing the declaration."""
    sniffed, _ = sniff_encoding(data)
    if sniffed:
        return sniffed
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8"
    meta = _META_CHARSET.search(data[:8192])
    return meta.group(1).decode("ascii").lower() if meta else ""


def html_to_text(data: bytes) -> str:
    """The main content of a page as lines: headings and paragraphs alone on their line,
    list items as "  • " bullets, blank lines between blocks."""
    try:
        text = decode_bytes(data, encoding=html_encoding(data))
    except DecodeError as error:
        raise HtmlError(str(error)) from None
    text = _XML_DECLARATION.sub("", text, count=1)
    parser = lxml.html.HTMLParser(
        no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise HtmlError(f"HTML cannot be read ({error})") from None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "depth" in entry.message.lower():
            raise HtmlError("HTML is nested too deeply to read safely")
    _remove_furniture(root)
    main = _main_content(root)
    blocks: list[str] = []
    _collect(main, blocks, [])
    return "\n\n".join(block for block in blocks if block)


def _remove_furniture(root) -> None:
    doomed = [element for element in root.iter() if _is_furniture(element)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_furniture(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    markers = " ".join(element.get(name, "") for name in ("class", "id", "aria-label"))
    if element.tag in _PAGE_LEVEL_ONLY:
        return not any(a.tag in ("main", "article") for a in element.iterancestors())
    return (
        element.tag in _DROP_TAGS
        or element.get("role") in _DROP_ROLES
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_DROP_MARKERS.search(markers))
    )


def _main_content(root):
    for path in ("//main", "//*[@role='main']", "//*[@id='main-content']",
                 "//*[@id='content']", "//body"):
        found = root.xpath(path)
        if found:
            return found[0]
    return root


def _collect(element, blocks: list[str], current: list[str]) -> None:
    """Walk the tree, closing a block at every block-level element and <br>."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        _flush(blocks, current)
        blocks.extend(table_lines(element))
        return
    is_block = tag in _BLOCK_TAGS
    if is_block or tag == "br":
        _flush(blocks, current)
    if element.text and tag != "br":
        current.append(element.text)
    if tag == "li":
        current.insert(0, "\u2022 ")
    for child in element:
        _collect(child, blocks, current)
        if child.tail:
            current.append(child.tail)
    if is_block:
        _flush(blocks, current, bullet=tag == "li")


def _flush(blocks: list[str], current: list[str], *, bullet: bool = False) -> None:
    text = " ".join("".join(current).split())
    current.clear()
    if text and text != "\u2022":
        blocks.append(f"  {text}" if text.startswith("\u2022 ") else text)


def table_lines(table) -> list[str]:
    """A table as lines the way its layout means them. Rows become "cell<TAB>cell" lines
    (a judgments table's "Area<TAB>Grade"). A table whose header row is grades, with the
    areas holding each grade in its column, becomes each grade followed by its areas.
    Nested tables are read as text inside their cell."""
    rows = [[_cell_lines(cell) for cell in row.iterchildren("td", "th")]
            for row in table.iter("tr") if _owning_table(row) is table]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    header = [" ".join(cell) for cell in rows[0]]
    if len(header) > 1 and all(Grade.from_label(text) for text in header):
        lines = []
        for column, grade in enumerate(header):
            lines.append(grade)
            for row in rows[1:]:
                if column < len(row):
                    lines.extend(row[column])
        return lines
    return ["\t".join(" ".join(cell) for cell in row) for row in rows]


def _owning_table(row):
    for ancestor in row.iterancestors("table"):
        return ancestor
    return None


def _cell_lines(cell) -> list[str]:
    """A cell's text, one line per block inside it (areas listed in one cell)."""
    blocks: list[str] = []
    _collect(cell, blocks, [])
    return [" ".join(block.replace("\u2022", " ").split()) for block in blocks if block.strip()]
