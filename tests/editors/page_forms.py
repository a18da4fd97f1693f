"""The POST data of the admin's page form, as a browser sends it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

# Page forms carry a comments formset; an empty one is what the browser sends.
EMPTY_COMMENTS = {
    "comments-TOTAL_FORMS": "0",
    "comments-INITIAL_FORMS": "0",
    "comments-MIN_NUM_FORMS": "0",
    "comments-MAX_NUM_FORMS": "1000",
}


def home_form(title, introduction, action=None, slug="accueil-test"):
    data = {
        "title": title,
        "slug": slug,
        "introduction": rich_text(introduction),
        "key_figures": streamfield([]),
        "body": streamfield([]),
        **EMPTY_COMMENTS,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)
