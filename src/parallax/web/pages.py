"""Server-rendered pages: stories (filters, pagination), story comparison, article with
highlight layers, entity, outlet, search, ingest. Every page works without JavaScript;
``static/app.js`` only saves reloads (layer toggles, job progress)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from parallax.compare.render import (
    STRAIGHT_NEWS,
    comparison_view,
    render_csv,
    render_html_report,
    render_markdown,
    span_text,
    straight_news,
)
from parallax.ingest.addresslist import typed
from parallax.store.browse import StoryFilter
from parallax.stories.explain import SAMPLE, grouping
from parallax.titles import TITLE_MAX_CHARS, shown, title_was_cut
from parallax.web.context import (
    PAGE_SIZE,
    PageParam,
    SearchParam,
    WebContext,
    story_filter,
)
from parallax.web.views import (
    LAYERS,
    bars,
    date_names,
    download_name,
    entity_rows,
    layered_paragraphs,
    technique_rows,
)

#: the home page lists this many rejected inputs and says how many more there are: a store
#: of a large archive may hold thousands, all read for every page before
REJECTIONS_SHOWN = 50


def register_pages(app: FastAPI, ctx: WebContext) -> None:
    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def index(where: Annotated[StoryFilter, Depends(story_filter)],
              page: PageParam = 1) -> HTMLResponse:
        with ctx.opened() as store:
            stories, total = store.story_page(where, (page - 1) * PAGE_SIZE, PAGE_SIZE)
            options = ctx.facet_options(store)
            counts, rejections = store.counts(), store.rejections(limit=REJECTIONS_SHOWN)
            names_shown = ctx.shown_names(store, [*options.get("entities", []), *(
                e for s in stories for e in s.key_entities[:8])])
        return ctx.page("index.html", nav="stories", stories=stories, total=total, page=page,
                        pages=max(1, -(-total // PAGE_SIZE)), params=where.params(),
                        options=options, shown_names=names_shown,
                        filtered=where.active, counts=counts, rejections=rejections,
                        rejected=counts.get("rejections", len(rejections)),
                        spans=[span_text(s.start, s.end) for s in stories])

    @app.get("/search", include_in_schema=False, response_class=HTMLResponse)
    def search(q: SearchParam = "", page: PageParam = 1) -> HTMLResponse:
        query, results, total = ctx.search(q, page)
        # an address can carry more than the box's maxlength; the heading shows what was searched
        cut = len(q.strip()) > len(query)
        return ctx.page("search.html", nav="search", query=query, results=results, total=total,
                        page=page, pages=max(1, -(-total // PAGE_SIZE)), params={"q": query},
                        cut=cut)

    @app.get("/story/{story_id}", include_in_schema=False, response_class=HTMLResponse)
    def story_page(story_id: str) -> Response:
        with ctx.opened() as store:
            story = store.story(story_id)
            if story is None:
                raise ctx.not_found("story")
            if story.id != story_id:  # merged into another story: old links keep working
                return RedirectResponse(f"{ctx.root}/story/{story.id}", status_code=301)
            # rendering is most of the page's cost (pagecache)
            names_shown = ctx.shown_names(store, store.entity_names(story.article_ids))
            key = ctx.rendered.key(story, [*store.article_versions(story.article_ids),
                                           *(("shown:" + k, n) for k, n in names_shown.items())])
            if (rendered := ctx.rendered.get(key)) is not None:
                return HTMLResponse(rendered)
            comparison = ctx.compare(store, story_id)
            why = grouping([a for a in (store.article(i) for i in story.article_ids[:SAMPLE])
                            if a is not None])
        view = comparison_view(comparison)
        charts = {f["outlet"]: {
            "narratives": bars([{"label": n.get("label"), "count": n.get("count")}
                                for n in f["narratives"]][:8]),
            "techniques": bars([{"label": str(t.get("technique", "")).replace("_", " "),
                                 "count": t.get("count")} for t in f["techniques"]][:8])}
            for f in view["framing"]}
        page = ctx.page("story.html", nav="stories", v=view, links=True, story_id=story_id,
                        charts=charts, why=why, shown_names=view["shown_names"])
        ctx.rendered.put(key, bytes(page.body))
        return page

    ctx.jobs.after_warm = story_page  # the warmer renders each page it computed

    def story_export(story_id: str, render: Callable[[dict[str, Any]], str], suffix: str,
                     media_type: str) -> Response:
        with ctx.opened() as store:
            if store.story(story_id) is None:
                raise ctx.not_found("story")
            comparison = ctx.compare(store, story_id)
        return PlainTextResponse(render(comparison), media_type=media_type, headers={
            "Content-Disposition": download_name(story_id, suffix)})

    @app.get("/story/{story_id}/report.html", include_in_schema=False)
    def story_report(story_id: str) -> Response:
        """A download, not a page: the report's inline <style> is for offline reading."""
        return story_export(story_id, render_html_report, ".html", "text/html; charset=utf-8")

    @app.get("/story/{story_id}/report.md", include_in_schema=False)
    def story_markdown(story_id: str) -> Response:
        return story_export(story_id, render_markdown, ".md", "text/markdown; charset=utf-8")

    @app.get("/story/{story_id}/claims.csv", include_in_schema=False)
    def story_csv(story_id: str) -> Response:
        return story_export(story_id, render_csv, ".csv", "text/csv; charset=utf-8")

    @app.get("/article/{article_id}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(article_id: str, span: Annotated[str | None, Query(max_length=20)] = None,
                     layers: Annotated[list[str] | None, Query(max_length=10)] = None
                     ) -> HTMLResponse:
        with ctx.opened() as store:
            article = store.article(article_id)
            if article is None:
                raise ctx.not_found("article")
            context: dict[str, Any] = {
                "source": store.article_source(article_id),
                "related": store.related(article_id),
                "boilerplate": store.boilerplate(article_id),
                "comments": store.comments([article_id]),
                # search leads to an article, and the article page named no story: the
                # comparison was out of reach from there (twenty-seventh session)
                "stories": store.article_stories([article_id]),
                "shown_names": ctx.shown_names(store, {m.canonical for m in article.entities}),
            }
        chosen = [layer for layer in LAYERS if layer in (layers or LAYERS)]
        # a title stored whole before the cap has no note and is not in the text: the page
        # that shows the document in full shows it whole too, said to be (the h1 is cut)
        title = article.title or ""
        whole_title = title if shown(title) != title and not title_was_cut(article.notes) \
            else None
        return ctx.page("article.html", a=article, paragraphs=layered_paragraphs(article, span),
                        layers=LAYERS, shown=chosen, entities=entity_rows(article),
                        dates=date_names(article),
                        whole_title=whole_title, title_max=TITLE_MAX_CHARS,
                        techniques=technique_rows(article),
                        techniques_note=(STRAIGHT_NEWS if straight_news(
                            [article.genre.label if article.genre else None]) else None),
                        **context)

    @app.get("/entity/{name:path}", include_in_schema=False, response_class=HTMLResponse)
    def entity_page(name: str) -> Response:
        profile = ctx.entity(name, "/entity")
        if isinstance(profile, Response):  # a spelling of its articles: its canonical page
            return profile
        label = ctx.require("entity", lambda store: ctx.shown_names(store, [name]).get(
            name, name))
        by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in profile["articles"]:
            by_outlet[row.get("outlet_label") or row["outlet"] or "Unknown outlet"].append(row)
        portrayal = [{"outlet": o, "articles": rows,
                      "roles": Counter(r["role"] for r in rows if r["role"]).most_common()}
                     for o, rows in sorted(by_outlet.items())]
        return ctx.page("entity.html", nav="stories", name=name, label=label, portrayal=portrayal,
                        profile=profile, shown=len(profile["articles"]))

    @app.get("/outlet/{outlet:path}", include_in_schema=False, response_class=HTMLResponse)
    def outlet_page(outlet: str) -> HTMLResponse:
        profile = ctx.require("outlet", lambda store: store.outlet_profile(outlet))
        names_shown = ctx.require("outlet", lambda store: ctx.shown_names(
            store, [e["label"] for e in profile["entities"]]))
        return ctx.page("outlet.html", nav="stories", o=profile, shown_names=names_shown,
                        narrative_bars=bars(profile["narratives"][:8], value="articles"),
                        technique_bars=bars([{**t, "label": t["label"].replace("_", " ")}
                                             for t in profile["techniques"][:8]]))

    @app.get("/ingest", include_in_schema=False, response_class=HTMLResponse)
    def ingest_form() -> HTMLResponse:
        return ctx.page("ingest.html", nav="ingest", error=None)

    @app.post("/ingest", include_in_schema=False, response_class=HTMLResponse)
    async def ingest_submit(request: Request,
                            text: Annotated[str, Form(max_length=5_000_000)] = "",
                            urls: Annotated[str, Form(max_length=20_000)] = "",
                            files: Annotated[list[UploadFile] | None, File()] = None
                            ) -> Response:
        ctx.check_token(request)  # the form's first field, checked before the body was read
        uploads = [(f.filename or "", await f.read()) for f in files or []]
        try:
            job = ctx.jobs.submit(text=text, files=uploads, urls=typed(urls))
        except ValueError as exc:
            return ctx.page("ingest.html", 422, nav="ingest", error=str(exc))
        return RedirectResponse(f"{ctx.root}/ingest/jobs/{job.id}", status_code=303)

    @app.get("/ingest/jobs/{job_id}", include_in_schema=False, response_class=HTMLResponse)
    def ingest_job(job_id: str) -> HTMLResponse:
        job = ctx.jobs.get(job_id)
        if job is None:
            raise ctx.job_not_found()
        return ctx.page("job.html", nav="ingest", job=job.to_dict())
