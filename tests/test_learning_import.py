"""The import of the seed pages' events, documents and news: idempotent, atomic, and it
refuses bad input naming the row and the field."""

import json

import pytest

from corridor.learning.imports import SEED_FILE, import_learning
from corridor.learning.models import Document, Event, NewsItem
from corridor.lib.imports.report import ImportFailed

pytestmark = pytest.mark.django_db


def counts():
    return Event.objects.count(), Document.objects.count(), NewsItem.objects.count()


def test_a_second_run_changes_nothing():
    report = import_learning()
    assert report.total("created") == 0 and report.total("changed") == 0
    assert report.total("unchanged") == 27


def test_the_seed_data_is_all_there():
    assert counts() == (14, 3, 7)


def test_a_curator_s_change_is_put_back_and_counted():
    event = Event.objects.get(title="iEER peer reviews")
    event.date_note = "edited"
    event.save()
    report = import_learning()
    assert report.counts[("event", "changed")] == 1
    assert Event.objects.get(pk=event.pk).date_note.startswith("during the learning process")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["events"][2].update(project="NoSuchProject"), "row 3, field 'project'"),
        (lambda d: d["events"][0].update(start_date="2021-02-31"), "row 1, field 'start_date'"),
        (lambda d: d["events"][0].update(type="party"), "row 1, field 'type'"),
        (lambda d: d["events"][0].update(region="XX999"), "unknown NUTS code"),
        (lambda d: d["news"][1].update(source="nobody"), "row 2, field 'source'"),
        (lambda d: d["news"][0].update(published_at="2018-10-08T21:00:00"), "time zone"),
        (lambda d: d["documents"][0].update(kind="poster"), "row 1, field 'kind'"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, change, message):
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["events"].append({**data["events"][0], "title": "A new event", "key": "new"})
    change(data)
    path = tmp_path / "learning.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        import_learning(path)
    assert message in str(failed.value)
    assert counts() == before
    assert not Event.objects.filter(title="A new event").exists()


def test_a_crash_mid_import_writes_nothing(tmp_path, monkeypatch):
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["events"].append({**data["events"][0], "title": "A new event", "key": "new"})
    path = tmp_path / "learning.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(NewsItem, "save", crash)
    NewsItem.objects.filter(title__startswith="Meeting with local").delete()
    with pytest.raises(RuntimeError):
        import_learning(path)
    assert not Event.objects.filter(title="A new event").exists()


def test_the_cli_imports_it(capsys):
    from corridor.cli import main

    assert main(["import", "learning"]) == 0
    assert "27 unchanged" in capsys.readouterr().out
