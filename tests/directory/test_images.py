"""Images reach phones in modern formats, at the size they are shown, without shifting the page."""

import re

import pytest
from wagtail.images.models import Image

from tests.media import png_file


@pytest.fixture
def photo(db):
    # Larger than any place it is shown, as editors' photos are.
    return Image.objects.create(title="Atelier", file=png_file("atelier.png", size=(1600, 1000)))


def picture_of(html, css_class):
    match = re.search(rf'<figure class="{css_class}">(.*?)</figure>', html, re.S)
    assert match, f"no {css_class} figure in the page"
    return match.group(1)


def widths(srcset):
    return [int(w) for w in re.findall(r" (\d+)w", srcset)]


def test_profile_photo_comes_in_avif_and_webp_with_a_jpeg_fallback(client, make_actor, photo):
    actor = make_actor("Atelier du vélo", image=photo, image_alt="L'atelier de réparation")
    picture = picture_of(client.get(actor.url).content.decode(), "actor__image")
    assert picture.startswith("<picture>")
    sources = re.findall(r'<source [^>]*srcset="([^"]+)"[^>]*type="image/(\w+)"', picture)
    assert [kind for _srcset, kind in sources] == ["avif", "webp"]
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'alt="L&#x27;atelier de réparation"' in img
    assert ".jpg" in img
    # Width and height reserve the space before the file arrives (no layout shift).
    assert re.search(r'width="600"', img) and re.search(r'height="375"', img)
    # Shown at the top of the profile: not deferred.
    assert 'loading="lazy"' not in img
    for srcset, _kind in sources:
        assert sorted(widths(srcset)) == [300, 600]


def test_body_pictures_load_lazily_and_never_wider_than_the_text_column(client, make_actor, photo):
    body = [
        {
            "type": "image",
            "value": {"image": photo.pk, "alt_text": "Les bénévoles", "decorative": False},
        }
    ]
    actor = make_actor("Jardins partagés", body=body)
    picture = picture_of(client.get(actor.url).content.decode(), "picture")
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'loading="lazy"' in img
    assert 'alt="Les bénévoles"' in img
    assert 'width="800"' in img and 'height="500"' in img
    for srcset in re.findall(r'srcset="([^"]+)"', picture):
        assert max(widths(srcset)) == 800
