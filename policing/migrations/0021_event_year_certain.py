"""Store whether an event is in the years it is placed in for certain, or only may fall in them
(docs/corpus.md, “The years an event is placed in”): one day of a window or one of a set over
several years, or open at one end, is not known to be in any one of them. The rule is written
out here, as it stands at this migration (`dates.year_certain`).

Adding a column remakes policing_event on SQLite, which drops the full-text triggers of
migration 0008: they are created again at the end (as in 0010)."""

import importlib

from django.db import migrations, models


def certain(edtf: str, earliest, latest) -> bool:
    text = "".join((edtf or "").split())
    if not text.startswith(("[", "{")):  # a date or an interval (or no value: the default)
        return True
    if text.startswith("{"):  # every one of: no year between its dates left empty
        years = {int(part[:4]) for part in text[1:-1].split(",")}
        return len(years) == max(years) - min(years) + 1
    return earliest is not None and latest is not None and earliest.year == latest.year


def recreate_search_triggers(apps, schema_editor):
    research = importlib.import_module("policing.migrations.0010_research_model")
    research.recreate_search_triggers(apps, schema_editor)


def store_year_certain(apps, schema_editor):
    Event = apps.get_model("policing", "Event")
    changed = []
    for event in Event.objects.only("date_edtf", "date_earliest", "date_latest").iterator(
        chunk_size=2000
    ):
        if not certain(event.date_edtf, event.date_earliest, event.date_latest):
            event.year_certain = False
            changed.append(event)
    Event.objects.bulk_update(changed, ["year_certain"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("policing", "0020_participant_role_territory"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="year_certain",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="In every year it is placed in for certain; false if it only may fall "
                "in them (one day of a window or one of a set over several years, or open at "
                "one end).",
            ),
        ),
        migrations.RunPython(store_year_certain, migrations.RunPython.noop),
        migrations.RunPython(recreate_search_triggers, migrations.RunPython.noop),
    ]
