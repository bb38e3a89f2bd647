"""Reader comments of text dumps in the shapes real pages give (issue 16): a thread under a
counted or Markdown comments heading, inside or after the line model's article block, with the
comments' buttons and the comment form set aside. The text below is written for these tests."""

from __future__ import annotations

import pytest

from parallax.segment.patterns import comment_furniture, comments_start
from parallax.segment.textdump import segment_text
from parallax.segment.threads import AUTHOR_LINE, THREAD_WORDS

ARTICLE = [
    "The harbour council voted on Tuesday to rebuild the old pier after two winters of storm "
    "damage had closed it to the fishing boats that still land their catch in the town.",
    "Engineers told the meeting that the timber piles had rotted below the waterline and that "
    "a concrete deck would last three times as long, although it would cost more to build.",
    "Several members asked whether the ferry service could keep running during the works, and "
    "the harbour master said a temporary landing stage would be put up on the north side.",
    "The first contracts are expected to be signed in the spring, and the pier should reopen "
    "before the summer season of the following year if the weather allows the crews to work.",
]
COMMENTS = [
    "About time too, the pier has been falling apart for years and nobody did anything.",
    "I hope they keep the old lamps, they are the best thing about the harbour at night.",
]


def dump(heading: str, markdown: bool) -> str:
    item = "- " if markdown else ""
    lines = ["# Council votes to rebuild the pier" if markdown else
             "Council votes to rebuild the pier", *ARTICLE, heading]
    for k, comment in enumerate(COMMENTS):
        lines += [f"{item}Reader{k} October {k + 3}, 2012 at 8:0{k} pm", comment, f"{item}Reply"]
    lines += ["Leave a Reply", "Name *", "Email *", "Website", "Post Comment",
              "Privacy policy", "Terms of use"]
    return ("\n\n" if markdown else "\n").join(lines) + "\n"


@pytest.mark.parametrize("heading,markdown", [
    ("### 2 Comments", True), ("#### 2 comments:", True), ("2 Responses to “The pier”", False),
    ("{ 2 comments… read them below or add one }", False), ("## Comments (2)", True),
    ("Comments", False)])
def test_thread_under_a_comments_heading_is_comments(heading: str, markdown: bool) -> None:
    seg = segment_text(dump(heading, markdown))
    said = "\n".join(seg.comments)
    for comment in COMMENTS:
        assert comment in said, (heading, seg.comments)
    assert not any(c.strip("- ") == "Reply" for c in seg.comments)
    assert not any(c in ("Name *", "Website", "Privacy policy", "Terms of use")
                   for c in seg.comments)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)
    assert not any(c in main.paragraphs for c in COMMENTS)


def test_comment_count_in_the_header_does_not_end_the_article() -> None:
    """'- 2 Comments' next to the byline, then share buttons: a link, not the thread."""
    text = "\n\n".join(["## Council votes to rebuild the pier", "- By Ann Example", "- 2 Comments",
                       "- Tweet", "- Email This", *ARTICLE]) + "\n"
    seg = segment_text(text)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)
    assert not seg.comments


def test_patterns() -> None:
    assert comments_start("### 385 Comments")
    assert comments_start("42 Kommentare")
    assert comments_start("5 thoughts on “A title”")
    assert not comments_start("Posted by X | 2 Comments")
    assert not comments_start("Comments are closed.")
    assert not comments_start("3 comments ago we met")
    assert comment_furniture("- Reply") == "action"
    assert comment_furniture("ReplyDelete") == "action"
    assert comment_furniture("Report abuse") == "action"
    assert comment_furniture("Leave a Reply") == "form"
    assert comment_furniture("Great post, thanks!") is None


# Fifth session (threads.py): where a thread stops being one. Each test fails on the code before.
SIDEBAR = ["Popular Posts", "How to fix a leaking tap", "Ten walks along the coast",
           "Our new small kitchen", "Book review: The Lighthouse Keeper", "Archives",
           "About the author", "Contact"]


def thread_dump(after: list[str], *, form: bool = False) -> str:
    lines = ["Council votes to rebuild the pier", *ARTICLE, "2 Comments"]
    for k, comment in enumerate(COMMENTS):
        lines += [f"Reader{k} October {k + 3}, 2012 at 8:0{k} pm", comment, "Reply"]
    if form:
        lines += ["Leave a Reply", "Name *"]
    return "\n".join(lines + after) + "\n"


def test_a_link_list_after_the_thread_is_no_comment() -> None:
    """A related-post list or sidebar after the last comment (no form line between them) is
    not read as reader comments: it has none of a thread's dates, authors or buttons."""
    seg = segment_text(thread_dump(SIDEBAR))
    assert all(c in seg.comments for c in COMMENTS), seg.comments
    assert not set(SIDEBAR) & set(seg.comments), seg.comments


def test_a_list_inside_a_comment_stays_in_the_thread() -> None:
    """Short lines followed by the next comment's date or a Reply button are the comment's
    own (a list, a sign-off), not a link list that ends the thread."""
    listing = ["My favourite walks:", "- Pier head", "- North beach", "- Old lighthouse",
               "- Harbour wall", "Love,", "Ann"]
    lines = ["Council votes to rebuild the pier", *ARTICLE, "2 Comments",
             "Ann October 3, 2012 at 8:00 pm", COMMENTS[0], *listing, "Reply",
             "Bob October 4, 2012 at 9:00 pm", COMMENTS[1], "Reply"]
    seg = segment_text("\n".join(lines) + "\n")
    assert COMMENTS[1] in seg.comments, seg.comments
    assert "- North beach" in seg.comments, seg.comments


def test_a_comments_link_after_the_form_opens_no_second_thread() -> None:
    """'Subscribe to: Posts / Comments' or the form's 'Comment' field after a thread that a
    comment form closed: the list under it is no thread."""
    seg = segment_text(thread_dump(["Subscribe to:", "Posts", "Comments", *SIDEBAR],
                                   form=True))
    assert all(c in seg.comments for c in COMMENTS), seg.comments
    assert not set(SIDEBAR) & set(seg.comments), seg.comments


def test_thread_controls_are_not_comments() -> None:
    for control in ("Sort comments by", "Oldest", "Newest first", "Display:", "Collapsed",
                    "Rate This: 0 0", "Reply ↓", "Recommend? (7)", "Load more...",
                    "Page: 1 2 3 Next ›", "Name (required)", "Remember me:", "Add comment"):
        assert comment_furniture(control) == "action", control
    assert comment_furniture("Oldest living resident turns 105") is None


def test_a_readers_sentence_with_a_furniture_word_stays_a_comment() -> None:
    """'support', 'copyright', 'cookies' in a reader's sentence: a comment, not an appeal (which
    also turned the rest of the thread into appeal lines) or a footer."""
    said = ("Thanks for all your support over the years, I have been reading this blog since "
            "the very first post about the harbour.")
    lines = ["Council votes to rebuild the pier", *ARTICLE, "2 Comments",
             "Ann October 3, 2012 at 8:00 pm", said, "Reply",
             "Bob October 4, 2012 at 9:00 pm", COMMENTS[1], "Reply"]
    seg = segment_text("\n".join(lines) + "\n")
    assert said in seg.comments and COMMENTS[1] in seg.comments, seg.comments


def test_a_thread_with_no_heading_opens_at_its_first_author_line() -> None:
    """'Matthew says:' / 'Rosa said...' lines (two or more) after the article: a thread whose
    heading the patterns do not know ('Responses', 'Discuss this post') or that has none."""
    lines = ["Council votes to rebuild the pier", *ARTICLE, "Responses",
             "Ann Example says:", "October 3, 2012 at 8:00 pm", COMMENTS[0],
             "Bob says:", "October 4, 2012 at 9:00 pm", COMMENTS[1]]
    seg = segment_text("\n".join(lines) + "\n")
    assert COMMENTS[0] in seg.comments and COMMENTS[1] in seg.comments, seg.comments
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)


def test_reported_speech_opens_no_thread() -> None:
    """'that said...', '"We will," she said.' and a quote's 'The mayor said:' are article
    lines, not a thread's author lines."""
    lines = ["Council votes to rebuild the pier", *ARTICLE[:2], "That said...",
             "“We will find the money,” the mayor said.", ARTICLE[2],
             "The harbour master said:", ARTICLE[3], "“It will be ready by May,” she said.",
             "Her deputy said:", "The works will start in the spring."]
    seg = segment_text("\n".join(lines) + "\n")
    assert not seg.comments, seg.comments
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)


def test_a_comments_heading_shown_twice_opens_the_thread() -> None:
    """'2 comments' on two lines in a row (a tab and the heading) is the thread's heading, not
    a teaser's title repeated above its text."""
    lines = ["Council votes to rebuild the pier", *ARTICLE, "2 comments", "2 comments",
             COMMENTS[0], "by Ann on October 3, 2012 at 8:00 pm. Reply #",
             COMMENTS[1], "by Bob on October 4, 2012 at 9:00 pm. Reply #"]
    seg = segment_text("\n".join(lines) + "\n")
    assert COMMENTS[0] in seg.comments and COMMENTS[1] in seg.comments, seg.comments
    assert not any(d.role == "related" for d in seg.articles)


def test_thread_sign_prefilter_keeps_every_match() -> None:
    """``threads._may_sign`` (required literals of the two patterns, folded) is true wherever
    either pattern matches: the prefilter changes the time, never the answer."""
    from parallax.segment.threads import _may_sign
    samples = ["Erin says:", "Emily said...", "Posted by: Ann at 8:00", "WRITTEN BY Bob",
               "by garaged (579941) on Monday July 23", "June 25th, 2012, 12:21 am", "10:16",
               "Reply", "REPLIES", "Responses (3)", "Antworten", "Report", "Flag", "Permalink",
               "Répondre", "Ответить", "Відповісти", "Kommentare", "Комментарии", "Коментарі",
               "Commentaires", "Comentarios", "Sie schreibt:", "Он пишет", "Она написала",
               "Il écrit", "Ella escribió", "Popular Posts", "Archives", "About the author"]
    for text in samples:
        if THREAD_WORDS.search(text) or AUTHOR_LINE.search(text):
            assert _may_sign(text), text
    assert not _may_sign("Popular Posts") and not _may_sign("About the author")


THIRD = "Would be good to know who is paying for the temporary landing stage though."


def stamped_thread(between: list[str], *, times: bool = True) -> str:
    """The article, a share row, ``between`` (a count line, post links or nothing), then three
    comments each under a name line and a date line (with a time of day if ``times``), then a
    sidebar's link list."""
    lines = ["Council votes to rebuild the pier", "By Ann Example", *ARTICLE,
             "Share this:", "Twitter", "Facebook", "Email", *between]
    for k, comment in enumerate([*COMMENTS, THIRD]):
        stamp = f"October {k + 3}, 2012" + (f" at 8:0{k} pm" if times else "")
        lines += [f"Reader Number{k}", stamp, comment, "Reply"]
    lines += ["Popular posts", "Harbour fees rise", "New ferry timetable", "Lighthouse open day",
              "About us", "Contact"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("between", [[], ["3 Comments leave one →"],
                                     ["Previous post", "Next post"]])
def test_a_thread_below_the_article_opens_at_its_time_stamps(between: list[str]) -> None:
    """A thread below the article's last line with no heading the patterns know: comment time
    stamps ("October 3, 2012 at 8:00 pm"), each followed by a reader's words, open it at the
    name line above the first stamp (before, the thread was not looked for: no comments)."""
    seg = segment_text(stamped_thread(between))
    for comment in [*COMMENTS, THIRD]:
        assert comment in seg.comments, seg.comments
    assert seg.comment_authors[:1] == ["Reader Number0"], seg.comment_authors
    assert not any(c in ("Reply", "Popular posts", "About us", "Contact") for c in seg.comments)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)
    assert not any(c in main.paragraphs for c in seg.comments)


def test_dated_teasers_below_the_article_are_no_thread() -> None:
    """Dates with no time of day (a related-posts list's) open no thread, nor does one stamp."""
    seg = segment_text(stamped_thread([], times=False))
    assert not seg.comments, seg.comments
    lines = ["Council votes to rebuild the pier", *ARTICLE, "Posted October 3, 2012 at 8:00 pm",
             "Filed under harbour news and council decisions of the week.", "About us"]
    assert not segment_text("\n".join(lines) + "\n").comments



def test_a_stamp_ends_at_its_time_or_a_bar() -> None:
    """A teaser list's stamps go on after the time ("updated 1:05 PM EDT, Thu October 4",
    a headline after "6:33 PM"); a comment's stamp ends at its time, or a "|" follows it."""
    from parallax.segment.lines import read_lines
    from parallax.segment.threads import stamped

    comments = ["Reader Says: October 3, 2012 at 8:01 pm", "August 8, 2012 11:46 am Reply",
                "Thu, 08/09/2012 - 14:32 | 2691789 Reader",
                "Posted by: Ann at Feb 25, 2005 6:14 PM"]
    teasers = ["updated 1:05 PM EDT, Thu September 20, 2012",
               "October 28, 2012 11:00 AM Dean Example", "politics 6:33 PM What the vote means"]
    lines = read_lines("\n".join(comments + teasers) + "\n")
    assert [stamped(line) for line in lines] == [True] * 4 + [False] * 3


@pytest.mark.parametrize("count", [
    "Post a Comment 3 Comments and 1 Reply", "3 Comments leave one →", "{ 3 comments }",
    "3 thoughtful comments on “The pier”",
    "Public Discussion (3)", "three comments – permalink", "3 Comments | Leave a comment",
    "Comments[3]", "There are 3 comments. Add yours."])
def test_a_count_line_in_an_unknown_form_opens_the_thread(count: str) -> None:
    """A thread's count line in a form no heading pattern knew (tenth session, training sites),
    above comments whose dates carry no time of day (no stamp opens the thread): before, no
    comments were found."""
    seg = segment_text(stamped_thread([count], times=False))
    for comment in [*COMMENTS, THIRD]:
        assert comment in seg.comments, (count, seg.comments)
    assert not any(c in ("Reply", "Popular posts", "About us", "Contact") for c in seg.comments)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)


@pytest.mark.parametrize("text", [
    "Reader comments 7", "3 comments | 0 recs", "12 comments per page", "5 Tips for More Comments",
    "Posted by Ann | Permalink | Comments (2)", "12 comments / 4 views",
    "4 Commentsadd your comment"])
def test_count_like_links_are_no_count_line(text: str) -> None:
    """A link under the article, a teaser's counts, a byline's link: no thread's count line."""
    from parallax.segment.patterns import count_line
    assert not count_line(text)
    assert count_line("## 4 Comments leave one →") and count_line("{ 131 comments }")


# made up after the shape of a blog platform's form notes: each opens with the words the
# patterns know, the rest is our own
PREVIEW_NOTES = ["This is only a preview. Nothing you wrote is public yet.",
                 "Your comment could not be posted. Reason:",
                 "Your comment has been saved, and the blog's owner will read it before anyone "
                 "else sees it. Write another one",
                 "The letters and numbers you entered did not match; type them once more.",
                 "As a final step before posting your comment, copy the code from the picture "
                 "into the box. It keeps robots out of the thread."]


def test_a_blog_forms_preview_notes_below_the_thread_are_no_comments() -> None:
    """A TypePad-style thread: each comment signed below it ("Posted by: X | date at time"),
    then the form's "Verify your Comment" and its preview notes, which before were read as
    comments (long lines are not asked whether they are a button)."""
    lines = ["Council votes to rebuild the pier", *ARTICLE, "Comments"]
    for k, comment in enumerate(COMMENTS):
        lines += [comment, f"Posted by: Reader Number{k} | October {k + 3}, 2012 at 08:0{k} PM"]
    lines += ["Verify your Comment", "Previewing your Comment", "Posted by: |", *PREVIEW_NOTES,
              "Post a comment", "About", "Archives"]
    seg = segment_text("\n".join(lines) + "\n")
    for comment in COMMENTS:
        assert comment in seg.comments, seg.comments
    assert not any(note in seg.comments for note in PREVIEW_NOTES), seg.comments


def test_a_preview_note_above_the_thread_does_not_end_it() -> None:
    """HuffPost shows its form ("Previewing Your Comment.") above the comments: set aside, no
    end of the thread."""
    lines = ["Council votes to rebuild the pier", *ARTICLE, "Comments", "Previewing Your Comment.",
             "Post Comment"]
    for k, comment in enumerate(COMMENTS):
        lines += [f"Reader Number{k}", f"October {k + 3}, 2012 at 8:0{k} pm", comment, "Reply"]
    seg = segment_text("\n".join(lines) + "\n")
    for comment in COMMENTS:
        assert comment in seg.comments, seg.comments
