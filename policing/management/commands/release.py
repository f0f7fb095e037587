"""Make a release of the published data: an immutable Frictionless Data Package (tables,
events.ndjson, codebook, changes since the previous release, citation files, SHA-256 sums) in
RELEASES_DIR, recorded so the site lists and serves it at /releases/VERSION/.

A version is made once: asking again for one that exists is refused, and nothing changes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from policing.exports.releases import make_release
from policing.links import checked_base_url
from policing.models import ImmutableRelease
from policing.text.errors import one_line


class Command(BaseCommand):
    help = "Make release VERSION of the published data (a Frictionless Data Package zip)."

    def add_arguments(self, parser):
        parser.add_argument("version", help="e.g. 2026.1: letters, digits, dots and hyphens.")
        parser.add_argument("--notes", default="", help="What this release is, in a few words.")
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the data's links (default: the SITE_URL setting).",
        )

    def handle(self, *args, version, notes="", base_url="", **options):
        given = base_url or settings.SITE_URL
        if not given:
            raise CommandError(
                "A release's links are absolute: give the site's address with --base-url "
                "https://… or set SITE_URL (see .env.example)."
            )
        try:
            root = checked_base_url(given)
            release = make_release(version, base_url=root, notes=notes.strip())
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(one_line(error)) from None
        except (ImmutableRelease, FileNotFoundError) as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        counts = release.counts
        self.stdout.write(
            f"{release.path} ({release.size:,} bytes, SHA-256 {release.checksum})\n"
            f"{counts['events']} events, {counts['citations']} citations, "
            f"{counts['figures']} figures; {release.changes_in_a_line}"
        )
        self.stdout.write(self.style.SUCCESS(f"Made release {release.version}."))
