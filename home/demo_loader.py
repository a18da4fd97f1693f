"""Load the demo content from `<app>/demo/fr.json` and `<app>/demo/en.json` (format: docs/demo.md).

French pages, snippets and site settings are created where missing, never changed; then every
French page and snippet without an English version is translated through wagtail-localize
from the apps' English catalogues. Running it again keeps everything that exists.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale, Page, Site

from core.localization import give_list_items_ids, translate
from core.public_address import host_and_port

# In loading order: pages are appended to their parent's children in this order (a page with
# "position": "first" goes before its siblings). An app with demo content adds itself here.
DEMO_APPS = ("directory", "factsheet", "home", "agenda")


def demo_data(app_label, language="fr"):
    path = Path(settings.BASE_DIR) / app_label / "demo" / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def snippet_models(value):
    """The snippet models `value` (demo data) creates or refers to, in order of appearance."""
    if isinstance(value, list):
        for item in value:
            yield from snippet_models(item)
    elif isinstance(value, dict):
        if "$snippet" in value:
            yield apps.get_model(value["$snippet"])
        for key, item in value.items():
            if key == "snippets":
                yield from (apps.get_model(entry["type"]) for entry in item)
            yield from snippet_models(item)


class DemoLoader:
    def __init__(self, report):
        self.report = report
        self.locale = Locale.get_default()
        self.pages = {}  # slug path under the home page ("" is the home page) → page
        self.snippet_models = []

    def load(self):
        data = {app_label: demo_data(app_label) for app_label in DEMO_APPS}
        self.snippet_models = list(dict.fromkeys(snippet_models(data)))
        snippets = [entry for app in data.values() for entry in app.get("snippets", [])]
        # Snippets that pages refer to (indicators) exist before the pages; a snippet that
        # refers to a page comes after them.
        later = [entry for entry in snippets if '"$page"' in json.dumps(entry)]
        for entry in snippets:
            if entry not in later:
                self.snippet(entry)
        entries = [entry for app in data.values() for entry in app.get("pages", [])]
        # The site's root page first, then the others in order: parents before children.
        for entry in sorted(entries, key=lambda entry: entry["parent"] is not None):
            self.page(entry)
        for entry in later:
            self.snippet(entry)
        for app in data.values():
            for model_label, values in app.get("settings", {}).items():
                self.site_settings(model_label, values)
        return self.translate_into_english()

    # Values: {"$page": path}, {"$snippet": model, field: value}, {"$model": model, field: value}.
    def resolve(self, value, nested=False):
        if isinstance(value, list):
            items = [self.resolve(item, nested) for item in value]
            return [item for item in items if item is not None]
        if not isinstance(value, dict):
            return value
        if "$page" in value:
            page = self.pages.get(value["$page"])
            return page.pk if nested and page else page
        if "$snippet" in value or "$model" in value:
            model = apps.get_model(value.get("$snippet") or value["$model"])
            lookup = {key: item for key, item in value.items() if not key.startswith("$")}
            if "$model" in value:
                found = model.objects.get(**lookup)
            else:
                found, _created = model.objects.get_or_create(locale=self.locale, **lookup)
            return found.pk if nested else found
        return {key: self.resolve(item, nested=True) for key, item in value.items()}

    def page(self, entry):
        model = apps.get_model(entry["type"])
        parent_path = entry["parent"]
        path = entry["slug"] if not parent_path else f"{parent_path}/{entry['slug']}"
        if parent_path is None:
            path, existing = "", model.objects.filter(locale=self.locale).first()
        else:
            parent = self.pages[parent_path]
            siblings = model.objects.child_of(parent)
            existing = (
                siblings.first()
                if entry.get("match") == "type"
                else parent.get_children().filter(slug=entry["slug"]).first()
            )
        title = entry["fields"]["title"]
        if existing:
            self.pages[path] = existing.specific
            self.report(f"{title} : déjà présente, conservée.")
            return
        fields, relations = {}, {}
        for name, value in entry["fields"].items():
            field = model._meta.get_field(name)
            # Relations take instances; StreamField blocks take primary keys.
            value = self.resolve(value, nested=not field.is_relation)
            if field.many_to_many:
                relations[name] = value
            else:
                fields[name] = value
        page = model(slug=entry["slug"], show_in_menus=entry.get("show_in_menus", False), **fields)
        if parent_path is None:
            Page.get_first_root_node().add_child(instance=page)
            self.make_site_root(page, entry["site_name"])
        elif entry.get("position") == "first" and parent.get_first_child():
            parent.get_first_child().add_sibling(instance=page, pos="left")
        else:
            parent.add_child(instance=page)
        for name, value in relations.items():
            getattr(page, name).set(value)
        page.save_revision().publish()
        self.pages[path] = page
        self.report(f"{title} : créée.")

    @staticmethod
    def make_site_root(page, site_name):
        site = Site.objects.filter(is_default_site=True).first()
        if not site:
            # At the public address, like `manage.py ensure_site` keeps it.
            hostname, port = host_and_port(settings.SITE_BASE_URL) or ("localhost", 80)
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=page,
                is_default_site=True,
                site_name=site_name,
            )
            return
        placeholder = site.root_page
        site.root_page, site.site_name = page, site_name
        site.save()
        # Wagtail's initial "Welcome" page is empty scaffolding; nothing links to it any more.
        if placeholder.specific_class is Page and not placeholder.get_children():
            placeholder.delete()

    def snippet(self, entry):
        model = apps.get_model(entry["type"])
        fields = {name: self.resolve(value, nested=True) for name, value in entry["fields"].items()}
        lookup = {name: fields[name] for name in entry.get("match", [])}
        label = model._meta.verbose_name
        if model.objects.filter(locale=self.locale, **lookup).exists():
            self.report(f"{label} : déjà présent, conservé.")
            return
        model.objects.create(locale=self.locale, **fields)
        self.report(f"{label} : créé.")

    def site_settings(self, model_label, values):
        model = apps.get_model(model_label)
        site_settings = model.for_site(Site.objects.get(is_default_site=True))
        # Fill only what an editor has left empty.
        missing = {
            name: value for name, value in values.items() if not getattr(site_settings, name)
        }
        for name, value in missing.items():
            setattr(site_settings, name, self.resolve(value))
        if missing:
            site_settings.save()
        self.report(f"{model._meta.verbose_name} : {len(missing)} réglage(s) complété(s).")

    def translate_into_english(self):
        """Translate into English every French page under the home page and every snippet the
        demo uses that has no English version yet; return the strings left in French."""
        english, _created = Locale.objects.get_or_create(language_code="en")
        catalogue = {}
        for app_label in DEMO_APPS:
            catalogue.update(demo_data(app_label, "en")["translations"])
        home = self.pages[""]
        # Snippets first: the English pages then point at their English versions (actors'
        # sectors included, see ActorPage.clean). Pages in tree order: parents first.
        sources = [
            item
            for model in self.snippet_models
            for item in model.objects.filter(locale=self.locale).order_by("pk")
        ]
        sources += list(
            Page.objects.descendant_of(home, inclusive=True).order_by("path").specific()
        )
        created, untranslated = 0, []
        for source in sources:
            if source.get_translation_or_none(english) is not None:
                continue
            if isinstance(source, Page):
                give_list_items_ids(source)
            untranslated += [(str(source), text) for text in translate(source, english, catalogue)]
            created += 1
        self.report(
            f"Traductions anglaises : {created} créée(s), {len(sources) - created} conservée(s)."
        )
        for name, text in untranslated:
            self.report(f"Texte non traduit dans « {name} » : {text}")
        return untranslated


def load_demo(report):
    return DemoLoader(report).load()
