from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from core import page_extras

        from .listing import organiser_events

        # An actor's profile lists the upcoming events it organises.
        page_extras.register("directory.ActorPage", organiser_events)
