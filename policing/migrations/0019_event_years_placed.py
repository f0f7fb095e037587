"""Recompute `start_year` and `end_year` as the years an event is placed in (docs/corpus.md,
“Dates”): from its earliest known bound to its latest. An open end no longer stretches them
to year 0, to 9999 or to its source's publication, so `?year=1950` stops listing `../2022-12`.
The rule is written out here, as it stands at this migration (`dates.years_placed`)."""

from django.db import migrations


def placed(earliest, latest, fallback):
    known = [day.year for day in (earliest, latest) if day is not None] or [fallback.year]
    return min(known), max(known)


def recompute_years(apps, schema_editor):
    Event = apps.get_model("policing", "Event")
    changed = []
    for event in Event.objects.only(
        "date_earliest", "date_latest", "date_start", "start_year", "end_year"
    ).iterator(chunk_size=2000):
        years = placed(event.date_earliest, event.date_latest, event.date_start)
        if years != (event.start_year, event.end_year):
            event.start_year, event.end_year = years
            changed.append(event)
    Event.objects.bulk_update(changed, ["start_year", "end_year"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("policing", "0018_one_citation_per_span"),
    ]

    operations = [
        migrations.RunPython(recompute_years, migrations.RunPython.noop),
    ]
