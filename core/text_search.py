"""Text-search helpers shared by the site search (search/) and the directory's own search."""

from django.db.models import BooleanField, Func


class WordSimilar(Func):
    """`query <% text`: a word of `text` is close to `query` (pg_trgm, GIN-indexable)."""

    template = "%(expressions)s"
    arg_joiner = " <%% "
    output_field = BooleanField()
