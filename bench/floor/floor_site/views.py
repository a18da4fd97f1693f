"""One page of HTML, as large as a typical page of the site (FLOOR_PAGE_BYTES, set by
bench/site_bench.py to the median of the pages it measures), built once at start-up."""

import os

from django.http import HttpResponse

SIZE = int(os.environ.get("FLOOR_PAGE_BYTES", "14000"))
HEAD = (
    '<!DOCTYPE html>\n<html lang="fr">\n'
    '<head><meta charset="utf-8"><title>Floor</title></head>\n<body>\n'
)
TAIL = "</body>\n</html>\n"
PARAGRAPH = "<p>Économie sociale et solidaire : une page de la taille d'une page du site.</p>\n"


def _body():
    room = max(SIZE - len(HEAD.encode()) - len(TAIL.encode()), 0)
    paragraphs = PARAGRAPH * (room // len(PARAGRAPH.encode()) + 1)
    middle = paragraphs.encode()[:room].decode("utf-8", "ignore")
    return (HEAD + middle + TAIL).encode()


BODY = _body()


def page(request):
    return HttpResponse(BODY)
