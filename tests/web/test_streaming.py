"""While a streamed export is written the garbage collector is held back (its youngest
generation collected less often, no full collection), and its thresholds are the same again
after: read to the end, closed halfway (the client went away), failed, or overlapping another
export."""

import gc

import pytest

from policing.web import streaming


@pytest.fixture(autouse=True)
def _thresholds():
    before = gc.get_threshold()
    yield before
    assert gc.get_threshold() == before
    gc.set_threshold(*before)


def _held_back() -> bool:
    return gc.get_threshold()[::2] == (streaming.YOUNG, streaming.NEVER)


def _parts(n: int = 3):
    for i in range(n):
        yield f"{i}\n"


def test_held_back_while_written_and_restored_at_the_end(_thresholds):
    parts = streaming.collecting_less(_parts())
    assert not _held_back()  # nothing happens until the first part is asked for
    assert next(parts) == "0\n"
    assert _held_back()
    assert gc.get_threshold()[1] == _thresholds[1]
    assert list(parts) == ["1\n", "2\n"]
    assert not _held_back()


def test_restored_when_the_response_is_closed_before_its_end():
    parts = streaming.collecting_less(_parts())
    next(parts)
    parts.close()
    assert not _held_back()


def test_a_response_never_started_changes_nothing():
    streaming.collecting_less(_parts()).close()
    assert not _held_back()


def test_restored_when_making_a_part_fails():
    def failing():
        yield "0\n"
        raise RuntimeError("the database went away")

    parts = streaming.collecting_less(failing())
    next(parts)
    with pytest.raises(RuntimeError):
        next(parts)
    assert not _held_back()


def test_overlapping_responses_restore_the_thresholds_when_the_last_ends(_thresholds):
    first = streaming.collecting_less(_parts())
    second = streaming.collecting_less(_parts())
    next(first)
    next(second)
    first.close()
    assert _held_back()  # the second is still being written
    list(second)
    assert gc.get_threshold() == _thresholds


def test_automatic_collection_turned_off_stays_off(_thresholds):
    gc.set_threshold(0, 10, 10)
    try:
        parts = streaming.collecting_less(_parts())
        next(parts)
        assert gc.get_threshold()[0] == 0
        list(parts)
        assert gc.get_threshold() == (0, 10, 10)
    finally:
        gc.set_threshold(*_thresholds)


@pytest.mark.parametrize("url", ["/events.csv", "/events.ndjson", "/citations.csv"])
def test_exports_are_written_with_the_collector_held_back(curated, client, url):
    response = client.get(url)
    assert response.streaming
    seen = []
    for _ in response:
        seen.append(_held_back())
    assert len(seen) > 1 and all(seen)
    assert not _held_back()
