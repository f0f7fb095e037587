"""Shared fixtures: the real corpus and the curated data, loaded through the same commands
`make run` uses."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from policing import facets


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and the facet index are keyed by the data version, which each test's
    database restarts, so no test may see another's."""
    cache.clear()
    facets.forget()
    yield
    cache.clear()
    facets.forget()


@pytest.fixture
def corpus(db):
    """The seed documents imported into sources and passages."""
    call_command("import_sources", verbosity=0)


@pytest.fixture
def curated(corpus):
    """The corpus plus the curated countries and events from fixtures/."""
    call_command("load_curated", verbosity=0)


@pytest.fixture
def seeds_copy(tmp_path):
    """A writable copy of seeds/, for tests that change a document."""
    target = tmp_path / "seeds"
    target.mkdir()
    for path in settings.SEEDS_DIR.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target
