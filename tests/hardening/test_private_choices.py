"""The one visibility rule for pages an editor chose (issue #21, finding 2): whatever shows a
chosen page — every block holding a page chooser, found by walking the page types' StreamFields
so that a new one is covered the day it is added, the footer's pages, the contribution form's
privacy notice, the menu — shows it only while it is live and public, the same for every
visitor (pages are served `Cache-Control: public`). English pages follow the same rule, and a
translation is private when its French source is (docs/editors.md, "Privacy")."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction

from contributions.models import ContributionSettings
from directory.models import ActorPage, DirectoryIndexPage
from factsheet.models import FactsheetPage
from home.models import ContentPage, HomePage, PolicyPage

from ..home.builders import content, english_home, footer_settings, publish

pytestmark = pytest.mark.django_db


def _walk(block, path):
    if isinstance(block, blocks.PageChooserBlock):
        yield path
    elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        for name, child in block.child_blocks.items():
            yield from _walk(child, [*path, name])
    elif isinstance(block, blocks.ListBlock):
        yield from _walk(block.child_block, [*path, "[]"])


def page_choosers():
    """(page model, StreamField name, path to a page chooser) for every chooser of every
    StreamField of every model: the blocks through which an editor shows another page."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for path in _walk(field.stream_block, []):
                    yield model, field.name, tuple(path)


CHOOSERS = sorted(page_choosers(), key=lambda c: (c[0].__name__, c[1], c[2]))


def test_the_walk_finds_the_known_page_choosers():
    found = {(model.__name__, "/".join(path)) for model, _field, path in CHOOSERS}
    assert {
        ("HomePage", "actors/actors/[]"),
        ("PolicyPage", "related_links/links/[]/page"),
        ("FactsheetPage", "employers/actors/[]"),
        ("FactsheetPage", "actors/actors/[]"),
    } <= found


def raw_value(block, path, page_ids):
    """A stored value of `block` holding `page_ids` at `path` (one per list item; a single
    chooser takes the first); the other fields at their defaults."""
    if not path:
        return page_ids[0]
    step, rest = path[0], path[1:]
    if step == "[]":
        return [raw_value(block.child_block, rest, [pk]) for pk in page_ids]
    child = block.child_blocks[step]
    value = {name: b.get_default() for name, b in block.child_blocks.items()}
    value = {name: block.child_blocks[name].get_prep_value(v) for name, v in value.items()}
    value[step] = raw_value(child, rest, page_ids)
    return value


def host_page(model, home_page):
    """A published page of `model` whose body the test fills."""
    if model is HomePage:
        return home_page
    fields = {
        PolicyPage: {"intro": "<p>Politique.</p>"},
        FactsheetPage: {"territory": "CA Hénin-Carvin"},
    }[model]
    return publish(home_page, model(title="Hôte", slug="hote", **fields))


def target_pages(target_model, home_page, hidden_how):
    """(shown, hidden): two pages of the chooser's type with distinctive titles; the second
    is hidden from visitors in the way `hidden_how` names."""
    if target_model is ActorPage:
        parent = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="ann"))
        parent.save_revision().publish()
        make = lambda title: ActorPage(title=title)  # noqa: E731
    else:
        parent = home_page
        make = lambda title: ContentPage(title=title)  # noqa: E731
    shown = publish(parent, make("Page Visible Zéphyr"))
    if hidden_how == "private_section":
        section = publish(home_page, ContentPage(title="Section privée", slug="section"))
        PageViewRestriction.objects.create(page=section, restriction_type="login")
        parent = section
    hidden = publish(parent, make("Page Cachée Xylophone"))
    if hidden_how == "draft":
        hidden.unpublish()
    elif hidden_how == "password":
        PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="s")
    elif hidden_how == "login":
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    elif hidden_how == "groups":
        restriction = PageViewRestriction.objects.create(page=hidden, restriction_type="groups")
        restriction.groups.set([Group.objects.get_or_create(name="Éditeurs")[0]])
    return shown, hidden


@pytest.mark.parametrize("hidden_how", ["draft", "password", "login", "groups", "private_section"])
@pytest.mark.parametrize(
    ("model", "field_name", "path"),
    CHOOSERS,
    ids=[f"{m.__name__}.{f}.{'/'.join(p)}" for m, f, p in CHOOSERS],
)
def test_a_chosen_page_hidden_from_visitors_disappears_from_the_block(
    client, home_page, empty_cache, model, field_name, path, hidden_how
):
    field = model._meta.get_field(field_name)
    block_name, inner = path[0], path[1:]
    block = field.stream_block.child_blocks[block_name]
    chooser = block
    for step in inner:
        chooser = chooser.child_block if step == "[]" else chooser.child_blocks[step]
    target = chooser.target_model if chooser.target_model is not Page else ContentPage
    shown, hidden = target_pages(target, home_page, hidden_how)
    host = host_page(model, home_page)
    ids = [shown.pk, hidden.pk]
    raws = (
        [raw_value(block, inner, ids)]
        if "[]" in inner
        else [raw_value(block, inner, [pk]) for pk in ids]
    )
    setattr(host, field_name, [(block_name, block.to_python(raw)) for raw in raws])
    host.save_revision().publish()
    for visitor in ("anonymous", "editor"):
        if visitor == "editor":
            from django.contrib.auth.models import User

            user = User.objects.create_user("lea", password="un long mot de passe")
            user.groups.add(Group.objects.get_or_create(name="Éditeurs")[0])
            client.force_login(user)
        response = client.get(host.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Zéphyr" in html, "the block shows the public page it holds"
        assert "Xylophone" not in html, (visitor, hidden_how)
        assert hidden.url is None or f'href="{hidden.url}"' not in html


# --- Pages chosen outside blocks ------------------------------------------------------------


@pytest.mark.parametrize("role", ["legal_notice_page", "accessibility_page", "sitemap_page"])
def test_a_private_footer_page_leaves_the_footer(client, home_page, role):
    page = content(home_page, title="Page Cachée Xylophone", slug="cachee")
    footer_settings(**{role: page})
    assert "Xylophone" in client.get("/fr/").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="s")
    assert "Xylophone" not in client.get("/fr/").content.decode()


@pytest.mark.parametrize("hidden_how", ["draft", "password"])
def test_the_contribution_form_links_its_privacy_notice_only_while_public(
    client, home_page, empty_cache, hidden_how
):
    publish(home_page, DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    notice = content(home_page, title="Vos données", slug="vos-donnees")
    settings = ContributionSettings.for_site(home_page.get_site())
    settings.privacy_page = notice
    settings.save()
    assert 'href="/fr/vos-donnees/"' in client.get("/fr/contribuer/proposer/").content.decode()
    if hidden_how == "draft":
        notice.unpublish()
    else:
        PageViewRestriction.objects.create(page=notice, restriction_type="password", password="s")
    html = client.get("/fr/contribuer/proposer/").content.decode()
    assert "/fr/vos-donnees/" not in html


# --- English pages --------------------------------------------------------------------------


def translate(page, **fields):
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


def test_a_french_page_made_private_makes_its_english_translation_private(client, home_page):
    english_home(home_page)
    french = content(home_page, title="Réservé", slug="reserve")
    english = translate(french, title="Reserved Xylophone", slug="reserved")
    assert "Xylophone" in client.get("/en/reserved/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=french, restriction_type="password", password="secret"
    )
    response = client.get("/en/reserved/")
    assert "Xylophone" not in response.content.decode()
    assert english.get_view_restrictions().get().password == "secret"
    # The rule holds both ways: the French page public again, its translation too.
    restriction.delete()
    assert "Xylophone" in client.get("/en/reserved/").content.decode()


def test_a_private_french_section_makes_the_english_section_private(client, home_page):
    english_home(home_page)
    section = content(home_page, title="Section", slug="section")
    child = content(section, title="Enfant", slug="enfant")
    translate(section, title="Section", slug="section")
    translate(child, title="Child Xylophone", slug="child")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get("/en/section/child/")
    assert response.status_code == 302 and "Xylophone" not in response.content.decode()
    assert "Xylophone" not in client.get("/sitemap.xml").content.decode()


def test_an_english_page_may_be_private_on_its_own(client, home_page):
    english_home(home_page)
    french = content(home_page, title="Public Zéphyr", slug="public")
    english = translate(french, title="Private Xylophone", slug="private")
    PageViewRestriction.objects.create(page=english, restriction_type="login")
    assert "Zéphyr" in client.get("/fr/public/").content.decode()
    assert client.get("/en/private/").status_code == 302


def test_an_english_block_never_shows_a_private_or_draft_translation(client, home_page):
    """The English home's actor block: a private French actor's translation is private too;
    a draft translation gives way to the (public) French page, never to a draft."""
    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="ann"))
    directory.save_revision().publish()
    private = publish(directory, ActorPage(title="Acteur Privé"))
    public = publish(directory, ActorPage(title="Acteur Public"))
    english = english_home(home_page)
    translate(directory, title="Directory", slug="directory")
    translate(private, title="Private Xylophone", slug="private-actor")
    draft_translation = public.copy_for_translation(Locale.objects.get(language_code="en"))
    draft_translation.title = "Draft Quetzal"
    draft_translation.save_revision()
    block = HomePage.body.field.stream_block.child_blocks["actors"]
    english.body = [("actors", block.to_python({"heading": "", "actors": [private.pk, public.pk]}))]
    english.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="s")
    html = client.get("/en/").content.decode()
    assert "Xylophone" not in html and "Acteur Privé" not in html
    assert "Quetzal" not in html
    assert "Acteur Public" in html
