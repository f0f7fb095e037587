"""Propose candidate events from a report's text (policing/proposals/reading.py).

Reads a UTF-8 text file and prints the events it proposes, each with its exact words, its date
as read, countries, activity, stage, actors, figures and the curated events it may state
(`matches`). Nothing is written unless `--save` is given: then the file is added as a source
(its lines as passages, as `import_sources` does) and the proposals are queued for review;
running it again adds neither the source nor a proposal twice.

    manage.py propose_events report.txt --published 2025-02-23 [--json]
    manage.py propose_events report.txt --published 2025-02-23 --title "…" --outlet "…" --save
"""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from policing import proposals
from policing.corpus import seeds as corpus
from policing.models import Source, free_slug
from policing.text import dates, language, places


class Command(BaseCommand):
    help = "Propose candidate events from a text file; --save adds it as a source and queues them."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A UTF-8 text file.")
        parser.add_argument(
            "--published",
            default="",
            help="Publication date as EDTF (2025-02-23, 2024-09, 2025-02-23/..); relative "
            "phrases are read against it.",
        )
        parser.add_argument("--title", default="", help="Headline (default: the first line).")
        parser.add_argument("--outlet", default="", help="Who published the report.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print a JSON array."
        )
        parser.add_argument(
            "--save", action="store_true", help="Add the source and queue its proposals."
        )

    def handle(self, *args, path, published, title, outlet, as_json, save, **options):
        content = self._read(path)
        text = self._decode(path, content)
        if problem := corpus.oversize(text):
            raise CommandError(f"{path}: {problem}")
        if note := language.proposals_note(text):
            self.stderr.write(self.style.WARNING(note))
        published = "".join(published.split())
        if published:
            try:
                # A date that is stored is checked by the standard's reader too (half a second
                # to load); one only read against is read strictly by ours.
                check = dates.check_edtf if save else dates.parse_edtf
                published = check(published).text
            except dates.DateResolutionError as error:
                raise CommandError(f"--published: {error}") from None
        if save:
            self._save(path, text, content, published, title, outlet)
            return
        candidates = proposals.propose_text(text, published)
        if as_json:
            self._print_json(candidates)
        else:
            self._print_listing(candidates)

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except IsADirectoryError:
            raise CommandError(f"{path} is a folder, not a text file.") from None
        except OSError as error:
            raise CommandError(f"{path} cannot be read: {error.strerror}.") from None

    def _decode(self, path: Path, content: bytes) -> str:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            raise CommandError(
                f"{path}: not valid UTF-8 at line {line} (byte 0x{content[error.start]:02x} at "
                f"offset {error.start}). Save it as UTF-8 and run again."
            ) from None
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise CommandError(f"{path} holds no text.")
        return text

    def _print_json(self, candidates) -> None:
        self.stdout.write(
            json.dumps([c.as_json() for c in candidates], ensure_ascii=False, indent=2)
        )

    def _print_listing(self, candidates) -> None:
        if not candidates:
            self.stdout.write("No events proposed: no sentence states a dated or past act.")
            return
        for number, candidate in enumerate(candidates, start=1):
            self.stdout.write(f"{number}. “{candidate.quote}”")
            when = dates.in_words(candidate.date_edtf) if candidate.date_edtf else "undated"
            self.stdout.write(f"   date: {when} ({candidate.date_reading})")
            kind = " / ".join(filter(None, [candidate.activity, candidate.stage])) or "—"
            self.stdout.write(f"   activity / stage: {kind}")
            regions = places.find(candidate.quote).regions
            if candidate.countries or regions:
                self.stdout.write(f"   places: {', '.join([*candidate.countries, *regions])}")
            if candidate.actors:
                self.stdout.write(f"   actors: {', '.join(candidate.actors)}")
            for figure in candidate.figures:
                self.stdout.write(f"   figure: {figure['text']} {figure['unit']}".rstrip())
            for match in candidate.matches:
                self.stdout.write(
                    f"   {match['relation']}: {match['slug']} (score {match['score']})"
                )
        self.stdout.write(self.style.SUCCESS(f"{len(candidates)} events proposed."))

    def _save(self, path, text, content, published, title, outlet) -> None:
        if not published:
            raise CommandError("--save needs --published: a source must have a date.")
        digest = hashlib.sha256(content).hexdigest()
        with transaction.atomic():
            source = Source.objects.filter(sha256=digest).first()
            created = source is None
            if created:
                title = title.strip() or text.strip().splitlines()[0].strip()[:300]
                source = Source.objects.create(
                    slug=free_slug(Source, title or path.stem, "source"),
                    title=title,
                    outlet=outlet.strip() or "Not named",
                    published_edtf=published,
                    published=dates.legacy(published).start,
                    published_precision=dates.legacy(published).precision,
                    file_name=path.name,
                    sha256=digest,
                    text=text,
                    imported_at=timezone.now(),
                )
                corpus.import_text(source)
        # After the commit: the write lock is held for the source and its passages only, not
        # while the text is read for events.
        added = proposals.queue(source)
        verb = "Added source" if created else "Source already added:"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} “{source.title}” ({source.slug}); {added} proposals queued."
            )
        )
