"""A page of results read before their total, which it often tells without a count query."""

from django.core.paginator import Paginator

# Page numbers above it are not read directly but counted first, as Paginator does (an
# offset that large would be refused by the database).
MAX_PAGE = 10_000


def get_page(object_list, per_page, number, total_of=None):
    """What `Paginator(object_list, per_page).get_page(number)` gives, reading the page first:
    a page that is not full is the last one and tells the total, and `total_of(first_item)`
    may give it where the results carry it (search.backends). Only a full page without it, or
    a number out of range, costs a count, as with Paginator; an empty first page costs none."""
    paginator = Paginator(object_list, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if 1 <= number <= MAX_PAGE:
        start = (number - 1) * per_page
        if items := list(object_list[start : start + per_page]):
            total = total_of(items[0]) if total_of else None
            if total is None and len(items) < per_page:
                total = start + len(items)
            if total is not None:
                paginator.count = total
            return paginator._get_page(items, number, paginator)
        if number == 1:  # nothing at all
            paginator.count = 0
            return paginator._get_page([], 1, paginator)
    return paginator.get_page(number)
