"""core.pagination.get_page: Paginator.get_page's pages, most of them without a count."""

import pytest
from django.core.paginator import Paginator

from core.pagination import get_page


class Results(list):
    """A list of results that counts how often it is counted, as a queryset would query."""

    counts = 0

    def count(self):
        self.counts += 1
        return len(self)


NUMBERS = [None, "", "abc", "0", "-1", "1", "2", "3", "4", "99", str(10**9), "1.5"]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("size", [0, 7, 20, 25])
def test_gives_the_page_paginator_gives(number, size):
    expected = Paginator(Results(range(size)), 10).get_page(number)
    page = get_page(Results(range(size)), 10, number)
    assert page.number == expected.number
    assert list(page) == list(expected)
    assert page.paginator.count == expected.paginator.count
    assert page.has_next() == expected.has_next()


def test_a_page_that_is_not_full_tells_the_total():
    results = Results(range(25))
    page = get_page(results, 10, "3")
    assert list(page) == [20, 21, 22, 23, 24]
    assert page.paginator.count == 25 and page.paginator.num_pages == 3
    assert results.counts == 0


def test_a_full_page_is_counted_unless_its_results_carry_the_total():
    results = Results(range(25))
    assert get_page(results, 10, "1").paginator.num_pages == 3
    assert results.counts == 1
    results = Results(range(25))
    page = get_page(results, 10, "2", total_of=lambda first: 25)
    assert list(page) == list(range(10, 20)) and page.paginator.num_pages == 3
    assert results.counts == 0


def test_nothing_at_all_costs_no_count():
    results = Results()
    page = get_page(results, 10, "1")
    assert list(page) == [] and page.paginator.num_pages == 1
    assert results.counts == 0
