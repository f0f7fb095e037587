"""Search that finds words: an event is searched by its title, summary and quoted words (not
the whole paragraphs it cites, which name other events' places), numbers without their digit
grouping (policing/search.py), and on SQLite with the porter stemmer, so that "pledged" finds
"pledge". A tokenizer cannot be changed in place: the FTS5 table of migration 0008 is made
again with it, with its triggers, and filled from the recomposed text. PostgreSQL's GIN index
(migration 0003) already reads the text with the English configuration."""

import importlib

from django.db import migrations, models

from policing.text import search

FTS5_OPTIONS = "content='policing_event', content_rowid='id', prefix='2 3'"
STEMMED = "porter unicode61 remove_diacritics 2"
UNSTEMMED = "unicode61 remove_diacritics 2"


def recompose(apps, schema_editor):
    Event = apps.get_model("policing", "Event")
    Citation = apps.get_model("policing", "Citation")
    quotes: dict[int, list[str]] = {}
    for event_id, quote in Citation.objects.order_by("order", "pk").values_list(
        "event_id", "quote"
    ):
        quotes.setdefault(event_id, []).append(quote)
    for pk, title, summary in Event.objects.values_list("pk", "title", "summary"):
        text = search.compose(title, summary, quotes.get(pk, []))
        Event.objects.filter(pk=pk).update(search_text=text)


def remake_index(tokenizer: str):
    def remake(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        fts = importlib.import_module("policing.migrations.0008_sqlite_full_text_search")
        for name in fts.TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {fts.FTS}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {fts.FTS} USING fts5(search_text, {FTS5_OPTIONS}, "
            f"tokenize='{tokenizer}')"
        )
        for sql in fts.TRIGGERS.values():
            schema_editor.execute(sql)
        schema_editor.execute(f"INSERT INTO {fts.FTS}({fts.FTS}) VALUES ('rebuild')")

    return remake


class Migration(migrations.Migration):
    dependencies = [
        ("policing", "0013_figures_as_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Title, summary and quoted words, kept for the timeline's text search.",
            ),
        ),
        migrations.RunPython(recompose, migrations.RunPython.noop),
        migrations.RunPython(remake_index(STEMMED), remake_index(UNSTEMMED)),
    ]
