"""Site-wide search: published, public pages of the language being read, promoted results first,
each with its type, a summary and the query's terms highlighted."""

import re

from django.db.models import Q
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.utils import normalise_query_string

from core.cache import find_site
from core.navigation import current_home
from core.pagination import get_page

from .backends import backend_for_language
from .forms import SearchForm
from .highlight import excerpt, highlight, query_terms

RESULTS_PER_PAGE = 10


def _searchable_text(page):
    """The text the search index holds for the page, apart from its title."""
    chunks = []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)
        values = value if isinstance(value, list | tuple) else [value]
        chunks.extend(strip_tags(str(v)) for v in values if v)
    return " ".join(chunks)


def _summary(page, terms):
    """The page's own summary when it mentions a term, else an excerpt of its text that does."""
    summary = page.get_summary() if hasattr(page, "get_summary") else page.search_description
    text, matched = excerpt(summary, terms)
    if not matched:
        body_text, body_matched = excerpt(_searchable_text(page), terms)
        if body_matched or not text:
            text = body_text
    return highlight(text, terms)


def _site_pages(home):
    """Live, public pages of the language tree being read. Filtering on the tree rather than
    on the locale also leaves out Wagtail's root node and other sites' pages."""
    if home is None:
        return Page.objects.none()
    return Page.objects.live().public().descendant_of(home, inclusive=True)


def _promotions(query, site_pages):
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=site_pages))
        .select_related("page")
        .order_by("sort_order")
    )


def search(request):
    find_site(request)
    form = SearchForm(request.GET)
    context = {
        "form": form,
        "search_query": "",
        "results": [],
        "promotions": [],
        "meta_description": _(
            "Rechercher dans les pages du site : chiffres clés, acteurs, services d’appui."
        ),
    }
    if not form.is_valid():
        return render(request, "search/search.html", context)
    query = " ".join(form.cleaned_data["q"].split())
    context["search_query"] = query
    if not query:
        return render(request, "search/search.html", context)

    # The language being read is that of the home page the header already fetched.
    home = current_home(request)
    terms = query_terms(query)
    # Once: Wagtail's public() reads every view restriction when it is called.
    site_pages = _site_pages(home)
    promotions = _promotions(query, site_pages)
    promoted_ids = [p.page_id for p in promotions if p.page_id]
    # Only words reach the backend: punctuation is not indexed, and a stray double quote is
    # query syntax for SQLite's full-text engine, which rejects it. The words are stemmed
    # like the pages of the language being read were indexed.
    words = " ".join(re.findall(r"\w+", query))
    matches = (
        backend_for_language(get_language()).search(
            words, site_pages.exclude(pk__in=promoted_ids).specific()
        )
        if words
        else Page.objects.none()
    )
    # The total comes with the results on PostgreSQL: no count query reads every match again.
    page_obj = get_page(
        matches,
        RESULTS_PER_PAGE,
        request.GET.get("page"),
        total_of=lambda hit: getattr(hit, "search_total", None),
    )
    results = [
        {
            "page": page,
            "type": page._meta.verbose_name,
            "title": highlight(page.title, terms),
            "summary": _summary(page, terms),
        }
        for page in page_obj.object_list
    ]
    context.update(
        {
            "page_obj": page_obj,
            "results": results,
            # Promotions are the editors' answer to the query: once, at the top of page one.
            "promotions": promotions if page_obj.number == 1 else [],
            "result_count": page_obj.paginator.count + len(promotions),
        }
    )
    return render(request, "search/search.html", context)
