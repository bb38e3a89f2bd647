"""HTML path: the markup marks each visible block carries (blockmarks.py, render.tree_blocks)."""

from __future__ import annotations

from lxml import html as lxml_html

from parallax.segment.blockmarks import ARTICLE, CODES, NO_MARKS, name_kind
from parallax.segment.render import tree_blocks

LEAD = ("The harbour board agreed on Monday to dredge the eastern channel before winter, after "
        "two cargo ships ran aground there within a month.")
BODY = ("Work starts in October and should take six weeks; ferries will use the western "
        "channel meanwhile, the board said in a statement to local papers.")
BLURB = ("I write about boats, tides and the people who work the docks; I have lived by the "
         "harbour all my life and still row out most mornings.")
PAGE = f"""<html><head><title>Channel to be dredged</title></head>
<body class="single-post">
<nav><ul><li>Home</li><li>Harbour</li></ul></nav>
<div id="main-content"><article>
<h1>Channel to be dredged</h1>
<div class="entry-meta">
  <span class="byline">By Ann Example</span></div>
<p>{LEAD}</p><p>{BODY}</p>
</article>
<div class="author-bio"><p>{BLURB}</p></div>
</div>
<footer>Harbour News 2026</footer>
</body></html>"""


def _blocks() -> dict[str, tuple[int, float, float, int]]:
    tree = lxml_html.fromstring(PAGE)
    return {b.text: b.marks for b in tree_blocks(tree)[1]}


def test_names_read_as_furniture_or_article() -> None:
    assert name_kind("comment-list") == CODES["comments"]
    assert name_kind("Author-Bio") == CODES["author"]  # read lower-cased
    assert name_kind("post-meta byline") == CODES["meta"]
    assert name_kind("entry-content") == ARTICLE
    assert name_kind("update-notice") == 0  # "date" inside a word is no date mark
    assert name_kind("headline") == 0


def test_blocks_carry_the_containers_around_their_first_words() -> None:
    marks = _blocks()
    assert marks["Home"][0] == CODES["nav"]
    assert marks["Harbour News 2026"][0] == CODES["nav"]  # <footer>
    # the article's paragraphs: no furniture around them, an article container holding most
    # of the page's text
    kind, share, main_share, nearer = marks[LEAD]
    assert (kind, share, nearer) == (0, 0.0, 0) and 0.5 < main_share < 1.0
    # a byline inside the article: furniture nearer than the article
    kind, share, main_share, nearer = marks["By Ann Example"]
    assert kind == CODES["meta"] and nearer == 1 and 0 < share < 0.1
    # the author box below the article is inside the page's main wrapper: furniture nearer
    kind, share, main_share, nearer = marks[BLURB]
    assert kind == CODES["author"] and nearer == 1 and main_share > share > 0.2
    # the <body>'s own class names the page's type, not a container of some of its blocks
    assert marks["Channel to be dredged"] == (0, 0.0, marks[LEAD][2], 0)


def test_an_unmarked_page_has_no_marks() -> None:
    tree = lxml_html.fromstring(f"<html><body><div><p>{LEAD}</p><p>{BODY}</p></div></body></html>")
    assert [b.marks for b in tree_blocks(tree)[1]] == [NO_MARKS, NO_MARKS]


def test_long_class_names_are_read_but_not_kept() -> None:
    """The memo of names lives as long as the process (a web server, a batch worker) and holds
    up to 50,000 names: a hostile page's long generated class names (here 2,000 characters
    each) were kept whole, so each such page added its size to the process for good."""
    from parallax.segment import blockmarks

    names = [f"comment-{n}-" + "x" * 2_000 for n in range(3)]
    page = "<html><body>" + "".join(f'<div class="{name}"><p>{BODY}</p></div>'
                                    for name in names) + "</body></html>"
    blocks = tree_blocks(lxml_html.fromstring(page))[1]
    assert [b.marks[0] for b in blocks] == [CODES["comments"]] * 3  # still read
    assert not any(name in blockmarks.known for name in names)
    assert max(map(len, blockmarks.known), default=0) <= blockmarks.KEPT_NAME_CHARS
