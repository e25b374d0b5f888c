"""Counts over a time window in the database (quiz.counters): one window per key, started by its
first bump, read as 0 once over; bumps from several processes at once all count."""

from __future__ import annotations

import time

import pytest

from quiz import counters
from quiz.models import WindowCount
from tests.hostile import NASTY
from tests.processes import environment, run

pytestmark = pytest.mark.django_db

NOW = 1_800_000_000


def test_a_window_counts_its_bumps_then_reads_zero_once_over():
    counters.bump("a", window=60, now=NOW)
    counters.bump("a", window=60, now=NOW + 30)
    counters.bump("a", "b", window=60, now=NOW + 59)
    assert counters.counts("a", "b", "c", now=NOW + 59) == {"a": 3, "b": 1, "c": 0}
    assert counters.counts("a", "b", now=NOW + 60) == {"a": 0, "b": 1}  # a's window is over


def test_a_bump_after_the_window_starts_a_new_one():
    counters.bump("a", window=60, now=NOW)
    counters.bump("a", window=60, now=NOW)
    counters.bump("a", window=60, now=NOW + 61)
    assert counters.counts("a", now=NOW + 61) == {"a": 1}
    assert counters.counts("a", now=NOW + 61 + 59) == {"a": 1}  # the new window: 60 s from 61
    assert counters.counts("a", now=NOW + 61 + 60) == {"a": 0}


def test_one_key_named_twice_in_a_bump_counts_once():
    counters.bump("a", "a", window=60, now=NOW)
    assert counters.counts("a", now=NOW) == {"a": 1}


def test_sweep_deletes_only_the_windows_that_are_over():
    counters.bump("old", window=60, now=NOW)
    counters.bump("new", window=60, now=NOW + 50)
    assert counters.sweep(now=NOW + 60) == 1
    assert list(WindowCount.objects.values_list("key", flat=True)) == ["new"]


# Keys are the callers' hashes; the statement still takes them as parameters, never as SQL. (NUL:
# PostgreSQL refuses it in any text, and no caller makes one.)
@pytest.mark.parametrize("key", [value[:100] for value in NASTY if value and "\x00" not in value])
def test_any_key_is_a_parameter_never_sql(key):
    counters.bump(key, window=60, now=NOW)
    assert counters.counts(key, now=NOW) == {key: 1}


BUMPER = """
import sys, time, django
django.setup()
from quiz import counters
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
for _ in range(int(sys.argv[2])):
    counters.bump("together", window=60)
"""


@pytest.mark.django_db(transaction=True)
def test_bumps_from_several_processes_at_once_all_count(tmp_path):
    """Django's database cache counted by a read then a write: two processes at once counted
    once. Four processes bump one key together, as a server's workers would."""
    processes, each = 4, 25
    env = environment(tmp_path)
    at = time.time() + 2.5  # every process imported Django and waits for the same instant
    bumpers = [run(env, BUMPER, str(at), str(each)) for _ in range(processes)]
    for bumper in bumpers:
        _, err = bumper.communicate(timeout=120)
        assert bumper.returncode == 0, err[-2000:]
    reader = run(env, READER)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert out.split() == [str(processes * each)]


READER = """
import django
django.setup()
from quiz import counters
print(counters.counts("together")["together"])
"""
