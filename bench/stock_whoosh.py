"""The stock Whoosh baseline: Whoosh 2.7.4 used the way its documentation shows, at its best.

One ``StemmingAnalyzer`` per text field (title boosted like searchsvc's, body
stored so the highlighter has text), sortable ID fields for facets, a
``MultifieldParser`` that ANDs words, ``groupedby`` ``FieldFacet`` counts,
``filter=`` for the rating, and ``Hit.highlights`` with an ``HtmlFormatter``.
Highlights come from the query's terms rather than ``terms=True``, and only
the top ten hits are read: with ``groupedby`` a ``Results`` holds every match,
and highlighting all of them took 1.8 s for a common word on 1,000 releases.
The searcher is opened once and kept, as a long-running Whoosh app would keep
it, so this measures Whoosh's own work without searchsvc's machinery.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID
from whoosh.fields import TEXT
from whoosh.fields import Schema
from whoosh.highlight import HtmlFormatter
from whoosh.qparser import MultifieldParser
from whoosh.sorting import Count
from whoosh.sorting import FieldFacet

from bench.corpus import iter_texts
from bench.querymix import PER_PAGE
from bench.querymix import Mode
from bench.querymix import Query

FACETS = ("rating", "pdu")


def schema() -> Schema:
    """Title and body stemmed (title weighted 4), facet fields sortable."""
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=StemmingAnalyzer(), stored=True, field_boost=4.0),
        body=TEXT(analyzer=StemmingAnalyzer(), stored=True),
        rating=ID(stored=True, sortable=True),
        pdu=ID(stored=True, sortable=True),
        published=ID(stored=True, sortable=True),
    )


def build(corpus: Path, index_dir: Path) -> int:
    """Index the corpus from scratch in one commit; return the document count."""
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), schema())
    writer = ix.writer(limitmb=256)
    try:
        for truth, title, rest in iter_texts(corpus):
            doc = {"id": truth.id, "title": title, "body": rest, "published": truth.published}
            doc.update({name: value for name in FACETS if (value := getattr(truth, name))})
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return int(ix.doc_count())


class StockSearch:
    """Searches a stock Whoosh index with one long-lived searcher."""

    def __init__(self, index_dir: Path) -> None:
        """Open the index and one searcher for every search."""
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema)

    def close(self) -> None:
        """Close the searcher."""
        self.searcher.close()

    def search(self, query: Query, mode: Mode) -> int:
        """Run ``query`` as ``mode`` asks; return the total, having built everything a page shows."""
        parsed = self.parser.parse(query.q)
        filters = [wq.Or([wq.Term(name, v) for v in values]) for name, values in query.filters.items()]
        grouped = {name: FieldFacet(name, maptype=Count) for name in FACETS} if mode.facets else None
        results = self.searcher.search(
            parsed,
            limit=PER_PAGE,
            filter=wq.And(filters) if filters else None,
            groupedby=grouped,
        )
        results.formatter = HtmlFormatter(tagname="mark")
        page: list[dict[str, Any]] = []
        # With groupedby, Results holds every match, not just the top ``limit``.
        for hit in results[:PER_PAGE]:
            fields = hit.fields()
            if mode.highlight:
                fields["title_html"] = hit.highlights("title")
                fields["highlights"] = hit.highlights("body", top=3)
            page.append(fields)
        if grouped:
            page.append({name: results.groups(name) for name in grouped})
        return len(results)
