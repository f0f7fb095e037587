"""Shared fixtures: the real corpus and the curated data, loaded through the same commands
`make run` uses."""

import uuid

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.signals import template_rendered
from template_partials.templatetags.partials import TemplateProxy

from policing.timeline import kept

# The apps whose tables `import_sources` and `load_curated` write.
DATA_APPS = {"policing", "reversion"}


def shared_cache() -> bool:
    """Whether the cache is a Redis server (REDIS_URL), which other processes may share."""
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


@pytest.fixture(autouse=True, scope="session")
def _cache_of_this_run():
    """With Redis, this run's keys carry a prefix of their own, and emptying the cache removes
    only them: another run, or a site, may use the same server (`cache.clear()` would flush
    its whole database)."""
    if not shared_cache():
        yield
        return
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES["default"]["KEY_PREFIX"] = prefix  # for the cache of any thread made later
    cache.key_prefix = prefix  # and of this one
    yield
    empty_cache()


def empty_cache() -> None:
    """Empty the cache (of this run's keys, with Redis) and what each process keeps."""
    if shared_cache():
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
    kept.forget()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and the facet index are keyed by the data version, which each test's
    database restarts, so no test may see another's."""
    empty_cache()
    yield
    empty_cache()


@pytest.fixture(autouse=True, scope="session")
def _partials_report_their_context():
    """The test client reads `response.context` from the template_rendered signal, which
    Django's test set-up makes whole templates send. An HTMX answer is a partial
    ("page.html#results"), which does not: it is made to send it the same way."""
    render = TemplateProxy._render

    def instrumented(self, context):
        template_rendered.send(sender=self, template=self, context=context)
        return render(self, context)

    TemplateProxy._render = instrumented
    yield
    TemplateProxy._render = render


def _data_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DATA_APPS
    ]


def _select(model) -> tuple[list[str], list[tuple]]:
    columns = [field.column for field in model._meta.concrete_fields]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(map(quote, columns))} FROM {quote(model._meta.db_table)}"
        )
        return columns, cursor.fetchall()


@pytest.fixture(scope="session")
def curated_rows(django_db_setup, django_db_blocker):
    """The rows the real import and load write, read once per session.

    Importing the corpus and loading the fixtures validates every quote and date, which is
    what tests/corpus/test_seeds.py and tests/corpus/test_curation.py test; the other tests
    only need the result, so `curated` writes these rows back instead of running the commands
    again.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_sources", verbosity=0)
        call_command("load_curated", verbosity=0)
        rows = {model: _select(model) for model in _data_models()}
        content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
        transaction.set_rollback(True)
    return rows, content_types


def _write_back(snapshot) -> None:
    rows, content_types = snapshot
    # Content types are made on demand, so their ids may differ after a flush.
    current = {}
    for old_id, natural_key in content_types.items():
        current[old_id] = ContentType.objects.get_by_natural_key(*natural_key).pk
    quote = connection.ops.quote_name
    # One transaction: foreign keys are checked at its end, whatever the order of tables.
    with transaction.atomic(), connection.cursor() as cursor:
        for model, (columns, values) in rows.items():
            if not values:
                continue
            if "content_type_id" in columns:
                at = columns.index("content_type_id")
                values = [(*v[:at], current[v[at]], *v[at + 1 :]) for v in values]
            cursor.executemany(
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                values,
            )
        # PostgreSQL's sequences do not follow explicit ids: move them past the rows.
        for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
            cursor.execute(sql)


@pytest.fixture
def corpus(db):
    """The seed documents imported into sources and passages."""
    call_command("import_sources", verbosity=0)


@pytest.fixture
def curated(db, curated_rows):
    """The corpus plus the curated countries and events from fixtures/, as `make run` leaves
    them (the rows its commands write, copied from the session's one run of them)."""
    _write_back(curated_rows)


@pytest.fixture
def seeds_copy(tmp_path):
    """A writable copy of seeds/, for tests that change a document."""
    target = tmp_path / "seeds"
    target.mkdir()
    for path in settings.SEEDS_DIR.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target
