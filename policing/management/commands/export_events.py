"""Print every published event as a JSON array in the export contract (exports/contract.py).

The objects carry absolute links (`permalink`, each citation's `absolute_url`), and a command
has no request to take the site's address from: it comes from `--base-url`, else the SITE_URL
setting (see .env.example)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.exports.contract import export_events
from policing.links import checked_base_url


class Command(BaseCommand):
    help = "Print all published events as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--indent", type=int, default=2)
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for absolute links, e.g. https://timeline.example.org "
            "(default: the SITE_URL setting).",
        )

    def handle(self, *args, indent=2, base_url="", **options):
        given = base_url or settings.SITE_URL
        if not given:
            raise CommandError(
                "The export's links are absolute: give the site's address with --base-url "
                "https://… or set SITE_URL (see .env.example)."
            )
        try:
            root = checked_base_url(given)
        except ValueError as error:
            raise CommandError(str(error)) from None
        events = export_events(base_url=root)
        self.stdout.write(json.dumps(events, ensure_ascii=False, indent=indent))
