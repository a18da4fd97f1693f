"""Pages of results: the page number as Paginator reads it, and a page read before its total,
which it often tells without a count query."""

from django.core.paginator import Paginator

PAST_THE_END = 10**9  # a page index beyond any list of the site, small enough for SQL integers


def page_index(value):
    """The zero-based index of the page asked for, as Paginator.get_page reads it: 0 for
    anything but a number, past the end (the last page) for numbers below 1 or too large."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number - 1 if 1 <= number <= PAST_THE_END else PAST_THE_END


def get_page(object_list, per_page, number, total_of=None):
    """What `Paginator(object_list, per_page).get_page(number)` gives, reading the page first:
    a page that is not full is the last one and tells the total, and `total_of(first_item)`
    may give it where the results carry it (search.backends). A full page without it costs a
    count, as with Paginator, and a number past the end the empty read, a count and the last
    page; an empty first page costs no count."""
    paginator = Paginator(object_list, per_page)
    index = page_index(number)
    if index < PAST_THE_END:
        start = index * per_page
        if items := list(object_list[start : start + per_page]):
            total = total_of(items[0]) if total_of else None
            if total is None and len(items) < per_page:
                total = start + len(items)
            if total is not None:
                paginator.count = total
            # Paginator.page() would count first; _get_page is the hook Paginator's source
            # offers to build a page from its items (private, kept for want of a public one:
            # tests/core/test_pagination.py compares every answer with Paginator.get_page).
            return paginator._get_page(items, index + 1, paginator)
        if index == 0:  # nothing at all
            paginator.count = 0
            return paginator._get_page([], 1, paginator)
    return paginator.get_page(number)
