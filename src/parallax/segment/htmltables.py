"""Table rows trafilatura writes: the block quotes it drops from a layout table's cells.

Why: with ``include_tables`` trafilatura writes each table row as one line ("| cell | cell |"),
and inside a cell it drops a ``<blockquote>`` that follows a paragraph (a quoted rule, a cited
letter, a press release's quoted paragraph). Pages of the 2000s set their whole article in one
layout-table cell, so the quotes were lost from the middle of the article. The row is
written again from the page's cells with only the pieces trafilatura kept plus the quotes: a
whole row from the page puts back what trafilatura's own cleaning takes out of cells (menus,
forms, ad markup) and lost more than it gained on the training sites. Training sites, end to
end, page-mean F1 +0.0010, site-weighted +0.0016, on both site halves (docs/segmentation.md,
"Twenty-second session (helper H)"). A row of one cell reads as that cell's text
(``one_cell``), cut into the cell's blocks (``layout_blocks``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from lxml import etree

_TOKEN = re.compile(r"\w+")
# a bar that ends a cell in trafilatura's row; one of the cell's text it escapes ("\\|")
_CELL_END = re.compile(r"(?<!\\)\|")
# what a cell's shown text leaves out: code, and nested tables (trafilatura writes their rows as
# lines of their own)
_SKIP = frozenset(("script", "style", "noscript", "template", "table"))
# elements that end a run of text in a cell: each run is one piece of the row
_BREAKS = frozenset(("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd",
                     "dt", "pre", "center", "ul", "ol", "br"))
#: a row is the table row holding this share of its words (the smallest such row)
ROW_MATCH = 0.9
#: a quote counts as dropped when under this share of its words is in the line
PRESENT = 0.8
#: quotes of fewer words are not put back
MIN_WORDS = 3
#: a row written again must hold this share of trafilatura's line's words
KEPT = 0.98
#: a quote goes after these last words of the text before it
ANCHOR = 6


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _pieces(cell: etree._Element) -> list[tuple[str, bool]]:
    """(text, inside a block quote) of each run of text in a cell, in page order."""
    out: list[tuple[str, bool]] = []
    parts: list[str] = []
    quoted = [False]

    def flush() -> None:
        text = " ".join("".join(parts).split())
        parts.clear()
        if text:
            out.append((text, quoted[0]))

    # handed itself: a closure calling itself by name is a reference cycle that held the
    # page's tree until the garbage collector ran (``render.tree_blocks``)
    def walk(node: etree._Element, inside: bool, again: Callable[..., None]) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in _SKIP:
                inner = inside or tag == "blockquote"
                if tag in _BREAKS:
                    flush()
                    quoted[0] = inner
                again(child, inner, again)
                if tag in _BREAKS:
                    flush()
                    quoted[0] = inside
            if child.tail:
                parts.append(child.tail)

    walk(cell, False, walk)
    flush()
    return out


def _anchor(words: list[str]) -> re.Pattern[str]:
    """The words in a row, whatever stands between them, with the punctuation that closes them
    ("reads:")."""
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b[^\w\s|]*",
                      re.IGNORECASE)


def _put_back(line: str, cell: list[tuple[str, bool]], held: Counter[str]) -> str:
    """The line with the cell's dropped quotes put back after the text that precedes them."""
    present = [sum((Counter(t) & held).values()) >= PRESENT * len(t) if t else True
               for t in (_tokens(text) for text, _ in cell)]
    at = 0  # where the last piece placed in the line ends
    placed = -1  # the piece that ends there
    for k, (text, quoted) in enumerate(cell):
        if not quoted or present[k] or len(_tokens(text)) < MIN_WORDS:
            continue
        before = next((j for j in range(k - 1, -1, -1) if present[j] and _tokens(cell[j][0])),
                      None)
        if before is None:
            continue
        if before != placed:
            found = _anchor(_tokens(cell[before][0])[-ANCHOR:]).search(line, at)
            if found is None:
                continue
            at = found.end()
        line = f"{line[:at]} {text}{line[at:]}"
        at += len(text) + 1
        present[k] = True
        placed = k
    return line


def _in_cell(node: etree._Element) -> bool:
    """Whether the nearest table element around the node is a cell (not a table: a quote in a
    nested table's caption or between its rows is no cell's)."""
    up = next(node.iterancestors("td", "th", "table"), None)
    return up is not None and up.tag != "table"


def restore_quotes(tree: etree._Element, paragraphs: list[str]) -> list[str]:
    """trafilatura's paragraphs with the block quotes it dropped from table cells put back into
    their rows' lines (``paragraphs`` itself when nothing was dropped)."""
    if not any(p.startswith("|") for p in paragraphs) or not any(
            _in_cell(quote) for quote in tree.iter("blockquote")):
        return paragraphs
    # every row of the page: a line is the smallest row that holds its words, which may be a
    # row without a quote (left as it is)
    found: list[tuple[list[list[tuple[str, bool]]], Counter[str], int]] = []
    for row in tree.iter("tr"):
        cells = [_pieces(cell) for cell in row if cell.tag in ("td", "th")]
        words = Counter(_tokens(" ".join(text for cell in cells for text, _ in cell)))
        if words:
            found.append((cells, words, sum(words.values())))
    rows_with: dict[str, list[int]] = defaultdict(list)  # token -> rows holding it, in order
    for k, (_, words, _) in enumerate(found):
        for token in words:
            rows_with[token].append(k)
    out = list(paragraphs)
    done: dict[str, str] = {}  # a line repeated (a table's rows alike) is matched once
    for i, line in enumerate(paragraphs):
        if not line.startswith("|"):
            continue
        if line in done:
            out[i] = done[line]
            continue
        done[line] = line
        held = Counter(_tokens(line))
        size = sum(held.values())
        if not size:  # a spacer row ("| * | * |"): every row holds its no words, and it was
            continue  # written again as the quoted row's quotes, doubling them (review, R)
        best: tuple[list[list[tuple[str, bool]]], int] | None = None
        for k in _candidates(held, size, rows_with):
            cells, words, total = found[k]
            if total >= size and sum((held & words).values()) >= ROW_MATCH * size \
                    and (best is None or total < best[1]):
                best = (cells, total)
        if best is not None and any(q for cell in best[0] for _, q in cell):
            out[i] = done[line] = _rebuilt(line, best[0], held)
    return out


def _candidates(held: Counter[str], size: int, rows_with: dict[str, list[int]]) -> list[int]:
    """The rows that may hold ``ROW_MATCH`` of the line's words, in page order (the first
    smallest wins, as over every row). A row lacking all of a set of the line's words whose
    counts leave under ``ROW_MATCH`` of them holds too few, so the rows holding one of the
    line's rarest such words are enough. Why: every row line against every row was quadratic:
    a page with a quote in a cell and a table of 2,000 rows (made up) took 12.8 s, 0.4 s
    before 9a5e495 (one of 2,000 rows alike, 7.2 s without ``done``)."""
    rows: set[int] = set()
    missed = 0
    for token in sorted(held, key=lambda t: (len(rows_with.get(t, ())), t)):
        rows.update(rows_with.get(token, ()))
        missed += held[token]
        if size - missed < ROW_MATCH * size:
            break
    return sorted(rows)


def _rebuilt(line: str, cells: list[list[tuple[str, bool]]], held: Counter[str]) -> str:
    """The row written again from the page's cells, each with the pieces trafilatura kept and
    the quotes it dropped, when that holds the words of trafilatura's line; else the line with
    the quotes put back after the text before them."""
    texts: list[str] = []
    changed = False
    for cell in cells:
        keep: list[str] = []
        for text, quoted in cell:
            tokens = _tokens(text)
            if sum((Counter(tokens) & held).values()) >= PRESENT * len(tokens):
                keep.append(text)
            elif quoted and len(tokens) >= MIN_WORDS:
                keep.append(text)
                changed = True
        texts.append(" ".join(keep))
    if not changed:
        return line
    row = "| " + " | ".join(texts) + " |"
    if sum((Counter(_tokens(row)) & held).values()) >= KEPT * sum(held.values()):
        return row
    return _put_back_all(line, cells, held)


def _put_back_all(line: str, cells: list[list[tuple[str, bool]]], held: Counter[str]) -> str:
    """The line with every cell's dropped quotes put back in place (``_put_back``)."""
    for cell in cells:
        line = _put_back(line, cell, held)
    return line


def one_cell(paragraph: str) -> str:
    """A row trafilatura wrote as "| cell |" (padded "| cell |  |" in a wider table) with one
    cell holding text: that text. Pages of the 2000s set their article in a layout table, one
    cell a row, and every paragraph of it opened and closed with a bar on the article page,
    in its claims and its quotes (336 of 1,828 training-site pages hold such rows;
    twenty-eighth session, helper N5). Rows of several cells with text keep their bars: they
    say where each cell ends. Read after every keep-or-drop decision, so none changes, and
    word scores neither (bars are no words). A bar of the cell's own text ("« Older | Main")
    trafilatura writes escaped ("\\|"): it is no cell's end. Read as one, a blog set in one row
    (post, reader thread, footer) stayed one paragraph that no later cut could act on (52
    training pages of 46 sites hold such a bar in a row). The escape stays as trafilatura wrote
    it: unescaped, no word changed, and only kept furniture ("Sign in | Join") began to match
    the snippet metric's substring test (docs/segmentation.md, "Thirtieth session (helper
    HY)")."""
    if not (paragraph.startswith("| ") and paragraph.endswith(" |")):
        return paragraph
    cells = [cell for cell in _CELL_END.split(paragraph[1:-1]) if cell.strip()]
    return cells[0].strip() if len(cells) == 1 else paragraph

# elements that start a block of their own inside a layout cell: those that end a run of text
# (``_BREAKS``) but a single line break, which does not end a block (an address, a verse)
_BLOCK_TAGS = (_BREAKS - {"br"}) | {"dl", "form", "address", "hr"}


def _cell_blocks(cell: etree._Element) -> list[str]:
    """The cell's blocks as a browser shows them apart: a block ends at a block element or a
    run of two line breaks; a single break (an address, a verse) does not end one. Nested
    tables are left out: trafilatura writes their rows as lines of their own. Read by the
    parser's own walk (a recursive one in Python cost twice the time)."""
    out: list[str] = []
    parts: list[str] = []
    breaks = 0

    def flush() -> None:
        text = " ".join("".join(parts).split())
        parts.clear()
        if text:
            out.append(text)

    walker = etree.iterwalk(cell, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            tag = node.tag
            if tag == "br":
                breaks += 1
                if breaks >= 2:
                    flush()
                else:
                    parts.append(" ")
                continue
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS and node is not cell:
                flush()
                breaks = 0
            text = node.text
        else:
            if event == "end" and node.tag in _BLOCK_TAGS and node is not cell:
                flush()
            if node is cell:
                continue
            text = node.tail
        if text:
            parts.append(text)
            if not text.isspace():
                breaks = 0
    flush()
    return out


def _words_ahead(count: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\W*\w+){{{count}}}")


def _split(inner: str, words: list[str], blocks: list[list[str]]) -> list[str] | None:
    """The row's text cut where the cell's blocks meet (``words``: the row's, ``blocks``: each
    block's, lower-cased), when the blocks trafilatura kept give the row's words in order (a
    block it dropped is passed over); None otherwise. Only at a space, so the words and their
    order stay as trafilatura wrote them."""
    starts: list[int] = []  # index of each kept block's first word
    at = 0
    for own in blocks:
        if own and words[at:at + len(own)] == own:
            starts.append(at)
            at += len(own)
    if at != len(words) or len(starts) < 2:
        return None
    if not inner.isascii() and len(_TOKEN.findall(inner)) != len(words):
        return None  # a letter whose lower case is two letters (rare): not cut
    pieces: list[str] = []
    begin = end = done = 0  # where the last piece began; where word ``done - 1`` ends
    for k in starts[1:]:
        # the end of the word before block k, then the start of block k's first word: one
        # match each, not a match object for every word of the row
        found = _words_ahead(k - done).match(inner, end)
        if found is None:
            return None
        end, done = found.end(), k
        first = _TOKEN.search(inner, end)
        if first is None:
            return None
        cut = inner.rfind(" ", end, first.start() + 1)
        if cut > begin:  # no space between two blocks' words: they were one run of text
            pieces.append(inner[begin:cut].strip())
            begin = cut
    pieces.append(inner[begin:].strip())
    return pieces if len(pieces) > 1 else None


#: the rows tried for one line, those holding its rarest word in page order: a page of
#: thousands of rows alike (a listing, or one made to stall) tried every row for every line,
#: 17.5 s of CPU for a 2.2 MB page (twenty-eighth session's review); real lines meet a few
ROWS_TRIED = 64


def layout_blocks(tree: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs with each one-cell layout row ("| cell |") cut into its cell's blocks
    (headings, paragraphs, list items, runs split by two line breaks). Why: trafilatura writes
    a table row as one line, so an article set in one layout cell ran its sub-headings into the
    paragraphs under them, one paragraph a page on the article page, its claims and quotes
    (216 of 1,828 training-site pages). Read after every keep-or-drop decision: cut before them
    the pieces changed the learnt filter's and extension's choices, +0.0013 on one half of the
    training sites and -0.0007 on the other (docs/segmentation.md, twenty-eighth session,
    helper TB); here no word is added, dropped or moved. The page's row may hold more cells
    with text than the line: a menu cell trafilatura cleaned is written empty (thirtieth
    session, helper HY)."""
    if all(one_cell(p) is p for p in paragraphs):
        return paragraphs
    # the rows that can be cut: one cell with text, in two blocks or more (a line the words of
    # whose blocks it is, in order, is cut at them whichever row trafilatura wrote it from)
    found: list[tuple[list[list[str]], Counter[str], int]] = []
    rows_with: dict[str, list[int]] = defaultdict(list)  # token -> rows holding it, in order
    seen: set[tuple[str, ...]] = set()
    for row in tree.iter("tr"):
        # every cell's blocks in page order: trafilatura writes a cell it cleaned of a menu
        # as an empty one ("|  |  | post … |"), so the page's row of a one-cell line may hold
        # more cells with text; their blocks are passed over as blocks it dropped
        cell_blocks = [block for cell in row if cell.tag in ("td", "th")
                       for block in _cell_blocks(cell)]
        if len(cell_blocks) < 2:
            continue
        if (key := tuple(cell_blocks)) in seen:  # a row repeated: its first stands for every one
            continue
        seen.add(key)
        blocks = [_tokens(block) for block in cell_blocks]
        words = Counter(token for block in blocks for token in block)
        for token in words:
            rows_with[token].append(len(found))
        found.append((blocks, words, sum(words.values())))
    if not found:
        return paragraphs
    out: list[str] = []
    for line in paragraphs:
        inner = one_cell(line)
        tokens = _tokens(inner) if inner is not line else []
        held = Counter(tokens)
        size = len(tokens)
        if size < 2:
            out.append(line)
            continue
        # the smallest row holding every word of the line (a cut needs them all): one of the
        # rows that hold its rarest word
        rarest = min(held, key=lambda token: len(rows_with.get(token, ())))
        best: tuple[list[list[str]], Counter[str], int] | None = None
        for k in rows_with.get(rarest, [])[:ROWS_TRIED]:
            _, words, total = found[k]
            if total >= size and (best is None or total < best[2]) \
                    and all(words[token] >= n for token, n in held.items()):
                best = found[k]
        out.extend((_split(inner, tokens, best[0]) if best is not None else None) or [line])
    return out


__all__ = ["layout_blocks", "one_cell", "restore_quotes"]
