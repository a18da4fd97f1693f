"""Keep Wagtail's default Site on the public address (SITE_BASE_URL): its host name and port are
what the admin shows and what Wagtail falls back on, so they say the same as every absolute URL
the site gives out. Run by `make demo` and at each deployment; harmless to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.public_address import host_and_port


class Command(BaseCommand):
    help = "Met le site Wagtail par défaut à l'adresse publique (SITE_BASE_URL)."

    def handle(self, *args, **options):
        address = host_and_port(settings.SITE_BASE_URL)
        if address is None:
            raise CommandError(f"SITE_BASE_URL invalide : « {settings.SITE_BASE_URL} ».")
        hostname, port = address
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("Aucun site par défaut : rien à mettre à jour (load_demo le crée).")
            return
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"Site « {site.site_name} » : déjà à {settings.SITE_BASE_URL}.")
            return
        if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
            raise CommandError(f"Un autre site occupe déjà {hostname}:{port}.")
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Site « {site.site_name} » : mis à {settings.SITE_BASE_URL}.")
