"""Send thousands of hostile requests to every public URL and count the server errors.

    make fuzz                      # 10 000 cases on a fresh SQLite demo database
    FUZZ_CASES=50000 make fuzz     # more
    DATABASE_URL=postgres://…/ess_fuzz make fuzz   # on PostgreSQL (the database is rebuilt)

The script migrates the database (a throw-away one: it is left with the demo content),
loads the demo content, then discovers the URLs:
every live page of every locale, the sub-routes of routable pages (open-data exports, each
chart's CSV), and the health endpoint.
Before that it plants what an import or a careless editor can leave (plant_hostile_content):
a chart whose stored id is upper case, one whose id is no UUID, and pages chosen in blocks
(one in every block type that chooses pages, and the footer's and contribution form's
pages) made private — by password, sign-in or group — or turned back into drafts, under a
marked title, their English translations too.
Hypothesis generates the cases: a URL (with its language prefix swapped, a path segment
appended or a path far deeper than any page), an HTTP method (every one, safe or not) and
query parameters (q, page and the filter names in FILTER_PARAMETERS) holding NUL bytes, huge
strings, invalid UTF-8, SQL-like and path-traversal strings. Each case goes through Django's
test client; any 5xx is counted, and so is any answer showing a private page's marked title
(a leak); the first few of each are printed.
Exit status 1 when a server error or a leak was seen.
"""

import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROJECT = Path(__file__).resolve().parent.parent

# Query parameters the public pages read; add a filter here when a listing gains one.
FILTER_PARAMETERS = [
    "q",  # site search and directory search
    "page",  # every paginated listing
    # directory filters (directory.forms.DirectoryFilterForm)
    "family",
    "sector",
    "commune",
    "band",
    # support services filters (directory.forms.SupportServiceFilterForm)
    "category",
    "stage",
]
LANGUAGE_PREFIXES = ["/fr", "/en", "", "/de", "/FR", "/fr-fr", "/en-gb", "/%00", "/.."]

SQL_LIKE = [
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "%' UNION SELECT username, password FROM auth_user --",
    "1)) OR ((1=1",
    "\\'; SELECT pg_sleep(0); --",
]
TRAVERSAL = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/",
    "....//....//",
    "..\\..\\windows\\win.ini",
    "/%00/etc/passwd",
]
# A title no public answer may contain: the pages chosen in blocks, then made private, carry it.
PRIVATE_MARK = "PRIVE-FUZZ"
METHODS = ["GET", "GET", "GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "TRACE", "PATCH"]
DEEP_PATHS = ["a/" * n for n in (33, 200, 990, 5000)]
NUMBERS = ["-1", "0", "1e9", "99999999999999999999999", "NaN", "1.5", "0x10", " 2 ", "²"]

# Strings as they arrive in a request: already percent-encoded, so that invalid UTF-8 and NUL
# bytes reach Django exactly as a hostile client would send them.
encoded_text = st.text(max_size=80).map(lambda s: quote(s, safe=""))
encoded_bytes = st.binary(max_size=40).map(lambda b: quote_from_bytes(b, safe=""))
huge = st.sampled_from(["a", "é", "%00", "%FF", "'"]).flatmap(
    lambda unit: st.integers(1_000, 30_000).map(lambda n: unit * n)
)
fixed = st.sampled_from([*SQL_LIKE, *TRAVERSAL, *NUMBERS]).map(lambda s: quote(s, safe="%"))
hostile_value = st.one_of(encoded_text, encoded_bytes, huge, fixed, st.just("%00"))


def query_strategy():
    pair = st.tuples(st.sampled_from(FILTER_PARAMETERS), hostile_value)
    return st.lists(pair, max_size=4).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


def with_prefix(url, prefix):
    """The same URL under another language prefix (or none)."""
    for language in ("/fr", "/en"):
        if url == language or url.startswith(language + "/"):
            return prefix + url[len(language) :]
    return url


def path_strategy(urls):
    suffix = st.one_of(
        st.just(""), hostile_value.map(lambda v: v[:2000] + "/"), st.sampled_from(DEEP_PATHS)
    )
    return st.builds(
        lambda url, prefix, rewrite, tail: (with_prefix(url, prefix) if rewrite else url) + tail,
        st.sampled_from(urls),
        st.sampled_from(LANGUAGE_PREFIXES),
        st.booleans(),
        suffix,
    )


def discover_urls():
    """Every public URL the site answers: live pages of all locales, their sub-routes, /healthz."""
    from django.utils import translation
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    from core.blocks import url_block_id
    from factsheet.models import FactsheetPage, Indicator

    urls = {"/healthz"}
    for page in Page.objects.live().public().specific().exclude(depth=1):
        parts = page.get_url_parts()
        if parts is None:  # not under any site
            continue
        url = parts[2]  # the path alone, whichever site serves it
        urls.add(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                if pattern.name and not pattern.pattern.regex.groups:
                    urls.add(url.rstrip("/") + "/" + page.reverse_subpage(pattern.name))
        # Routes with an argument: the real arguments, so the handler itself gets the inputs.
        if isinstance(page, FactsheetPage):
            base = url.rstrip("/") + "/"
            for block in page.body:
                # As the page links them: a chart whose id is no UUID has no CSV of its own.
                if block.block_type == "chart" and (block_id := url_block_id(block.id)):
                    urls.add(base + page.reverse_subpage("chart_csv", args=[block_id]))
            # Each indicator's page and files, in the page's language.
            with translation.override(page.locale.language_code):
                for indicator in Indicator.objects.filter(locale_id=page.locale_id):
                    for suffix in ("", "_csv", "_json"):
                        urls.add(page.indicator_url(indicator.code, suffix=suffix))
    return sorted(urls)


def fuzz(client, urls, cases, seed=None):
    """Run `cases` generated requests; return (status counts, failing requests). A failure is
    a server error, or an answer showing PRIVATE_MARK (status "leak")."""
    statuses = Counter()
    failures = []

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=seed is not None,
        suppress_health_check=list(HealthCheck),
    )
    @given(path=path_strategy(urls), query=query_strategy(), method=st.sampled_from(METHODS))
    def one_case(path, query, method):
        target = f"{path}?{query}" if query else path
        response = client.generic(method, target)
        statuses[response.status_code] += 1
        # The database stays up during the run, so even a 503 is a failure here.
        if response.status_code >= 500:
            failures.append((response.status_code, f"{method} {target[:300]}"))
        elif PRIVATE_MARK.encode() in response.content:
            failures.append(("leak", f"{method} {target[:300]}"))

    one_case()
    return statuses, failures


def _chosen_pages(value):
    """The pages an editor chose anywhere inside a block's value."""
    from wagtail.models import Page

    if isinstance(value, Page):
        yield value
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from _chosen_pages(item)
    elif isinstance(value, Sequence) and not isinstance(value, str):  # lists, streams
        for item in value:
            yield from _chosen_pages(getattr(item, "value", item))


HIDING = ["password", "login", "groups", "draft"]


def _hide(page, how):
    """Mark `page`'s title (and its translations') and hide it from visitors in the way `how`
    names: a view restriction of each type, or back to draft."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page, PageViewRestriction

    for translation in Page.objects.filter(translation_key=page.translation_key).specific():
        translation.title = f"{PRIVATE_MARK} {translation.pk}"
        translation.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    if how == "draft":
        for translation in Page.objects.filter(translation_key=page.translation_key):
            translation.specific.unpublish()
        return
    # On the French source: core.privacy gives its translations the same restriction.
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=how, password="fuzz" if how == "password" else ""
    )
    if how == "groups":
        restriction.groups.set(Group.objects.all()[:1])


def _block_choosers(block, raw_for):
    """A stored value of `block` choosing the page `raw_for` gives at each page chooser, or
    None if the block chooses no page."""
    from wagtail import blocks

    if isinstance(block, blocks.PageChooserBlock):
        return raw_for(block)
    if isinstance(block, blocks.StructBlock):
        values = {
            name: _block_choosers(child, raw_for) for name, child in block.child_blocks.items()
        }
        if all(value is None for value in values.values()):
            return None
        defaults = {n: c.get_prep_value(c.get_default()) for n, c in block.child_blocks.items()}
        return {**defaults, **{n: v for n, v in values.items() if v is not None}}
    if isinstance(block, blocks.ListBlock):
        value = _block_choosers(block.child_block, raw_for)
        return None if value is None else [value]
    return None


def _choose_in_every_block_type():
    """The demo chooses pages in some block types only (its policy page's related links are
    external): add one block of every type that chooses pages, choosing a page, to the first
    live page of each page type, so that each is fuzzed."""
    from django.apps import apps
    from wagtail.fields import StreamField
    from wagtail.models import Locale, Page

    french = Locale.objects.get(language_code="fr")
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        page = model.objects.live().filter(locale=french).first()
        if page is None or page.specific_class is not model:
            continue
        changed = False
        for field in model._meta.get_fields():
            if not isinstance(field, StreamField):
                continue
            raw = list(getattr(page, field.name).raw_data)
            for name, block in field.stream_block.child_blocks.items():

                def raw_for(chooser, page=page):
                    target = chooser.target_model
                    candidates = target.objects.live().public().filter(locale=french)
                    return candidates.exclude(pk=page.pk).order_by("-path").first().pk

                value = _block_choosers(block, raw_for)
                if value is not None:  # also where the demo's block links elsewhere
                    raw.append({"type": name, "value": value})
                    changed = True
            setattr(page, field.name, raw)
        if changed:
            page.save_revision().publish()


def plant_hostile_content():
    """What imports and editors can leave: odd chart ids, and in every block type that chooses
    pages (and in the settings' page choices) a chosen page made private or a draft, each
    way of hiding in turn."""
    from wagtail.fields import StreamField
    from wagtail.models import Page

    from contributions.models import ContributionSettings
    from factsheet.models import FactsheetPage
    from home.models import SiteSettings

    for factsheet in FactsheetPage.objects.all():
        raw = [dict(block) for block in factsheet.body.raw_data]
        charts = [block for block in raw if block["type"] == "chart"]
        for block, new_id in zip(charts, [None, "graphique-importé"], strict=False):
            block["id"] = new_id or block["id"].upper()
        factsheet.body = raw
        factsheet.save_revision().publish()
    _choose_in_every_block_type()
    chosen = {}  # (page type, block type) -> pages chosen there, French sources first
    for page in Page.objects.live().specific().order_by("locale_id", "path"):
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                for block in getattr(page, field.name):
                    for choice in _chosen_pages(block.value):
                        key = (type(page).__name__, block.block_type)
                        chosen.setdefault(key, []).append(choice)
    hidden = set()
    places = []
    for key, pages in sorted(chosen.items()):
        page = next((p for p in pages if p.translation_key not in hidden), None)
        if page is not None:
            hidden.add(page.translation_key)
            places.append((key, page))
    for site_settings in [*SiteSettings.objects.all(), *ContributionSettings.objects.all()]:
        for name in ("legal_notice_page", "accessibility_page", "privacy_page"):
            page = getattr(site_settings, name, None)
            if page is not None and page.translation_key not in hidden:
                hidden.add(page.translation_key)
                places.append(((type(site_settings).__name__, name), page))
    for index, (key, page) in enumerate(places):
        how = HIDING[index % len(HIDING)]
        _hide(page, how)
        print(f"  {'.'.join(key)} : {page.title} → {how}")
    return len(places)


def prepare_database():
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/fuzz.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_site.settings.test")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"{plant_hostile_content()} pages choisies cachées (une par type de bloc et réglage)")


def main():
    cases = int(os.environ.get("FUZZ_CASES", "10000"))
    prepare_database()
    from django.test import Client

    urls = discover_urls()
    print(f"{len(urls)} URL publiques découvertes :")
    for url in urls:
        print(f"  {url}")
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    statuses, failures = fuzz(client, urls, cases)
    elapsed = time.monotonic() - started
    total = sum(statuses.values())
    print(f"{total} requêtes en {elapsed:.0f} s ; statuts : {dict(sorted(statuses.items()))}")
    leaks = [failure for failure in failures if failure[0] == "leak"]
    print(
        f"{total} entrées hostiles, {len(failures) - len(leaks)} erreurs serveur, "
        f"{len(leaks)} fuites de pages privées"
    )
    for status, target in failures[:20]:
        print(f"  {status} {target}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
