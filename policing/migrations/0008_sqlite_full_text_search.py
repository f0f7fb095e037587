"""SQLite full-text search: an FTS5 index over Event.search_text, kept in step by triggers.

`LIKE '%word%'` reads every row, so a search at 100,000 events took 200 ms on SQLite. FTS5
finds the matching rows from its own index. It stores no copy of the text ("external content"
from policing_event), and triggers update it on every insert, update and delete, including
bulk_create and restores. PostgreSQL has its GIN index from migration 0003 instead.

Django rebuilds a SQLite table to alter it, which drops its triggers: a later migration that
alters policing_event must create them again (tests/test_search.py fails if they are gone).
"""

from django.db import migrations

FTS = "policing_event_fts"

TRIGGERS = {
    f"{FTS}_insert": f"""
        CREATE TRIGGER {FTS}_insert AFTER INSERT ON policing_event BEGIN
            INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    f"{FTS}_delete": f"""
        CREATE TRIGGER {FTS}_delete AFTER DELETE ON policing_event BEGIN
            INSERT INTO {FTS}({FTS}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    f"{FTS}_update": f"""
        CREATE TRIGGER {FTS}_update AFTER UPDATE OF search_text ON policing_event BEGIN
            INSERT INTO {FTS}({FTS}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='policing_event', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    for sql in TRIGGERS.values():
        schema_editor.execute(sql)
    schema_editor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


class Migration(migrations.Migration):
    dependencies = [
        ("policing", "0007_published_partial_indexes"),
    ]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
