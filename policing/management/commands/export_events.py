"""Print every published event as a JSON array in the export contract (exports/contract.py)."""

import json

from django.core.management.base import BaseCommand

from policing.exports.contract import export_events


class Command(BaseCommand):
    help = "Print all published events as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, indent=2, **options):
        self.stdout.write(json.dumps(export_events(), ensure_ascii=False, indent=indent))
