"""`isogov backup` / `isogov restore`: a round trip loses nothing (every row of every table, every uploaded file
byte for byte), and a restore refuses a damaged archive or a database that holds data, changing nothing.
Runs on SQLite in `make test` and on PostgreSQL (pg_dump / pg_restore) in .ci/run's PostgreSQL suite."""
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import upload
from isogov.documents.tests.factories import DocumentFactory


def rows() -> dict[str, list]:
    with connection.cursor() as cursor:
        out = {}
        for name in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
            out[name] = sorted(cursor.fetchall(), key=repr)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def world(province, media_storage):
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not on PATH: the PostgreSQL backup needs PostgreSQL's client tools")
    first = DocumentFactory(agency=province.d842, actor=province.alice, file=upload("quy-trinh.pdf"))
    second = DocumentFactory(agency=province.d844, actor=province.bob, code="QT-02", title="Quy trình tiếp dân",
                             file=upload("bieu-mau.docx"))
    assert first.versions.get().file and second.versions.get().file
    (media_storage / "jobs" / "x").mkdir(parents=True)
    (media_storage / "jobs" / "x" / "report.xlsx").write_bytes(bytes(range(256)) * 40)  # binary, not text
    return province


def wipe(media: Path) -> None:
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(media)
    media.mkdir()
    (media / "stray.txt").write_text("not in the backup")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_wiped_database_gives_back_every_row_and_every_file(world, media_storage, tmp_path):
    before_rows, before_files = rows(), files(media_storage)
    assert len(before_files) == 3 and AuditEvent.objects.count() >= 4 and sum(map(len, before_rows.values())) > 50
    archive = tmp_path / "out.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    manifest = json.load(tarfile.open(archive).extractfile("manifest.json"))
    assert manifest["vendor"] == connection.vendor
    assert manifest["tables"]["documents_document"] == 2 and manifest["tables"]["accounts_user"] == 7
    assert sorted(n for n in manifest["members"] if n.startswith("media/")) == sorted(
        "media/" + n for n in before_files)

    wipe(media_storage)
    assert rows() != before_rows
    call_command("restore", str(archive), verbosity=0)
    assert rows() == before_rows
    assert files(media_storage) == before_files  # the stray file went with the folder it was in


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_holds_data_unless_forced(world, media_storage, tmp_path):
    archive = tmp_path / "out.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    before_rows = rows()
    DocumentFactory(agency=world.d842, actor=world.alice, code="QT-09", file=upload("them.pdf"))
    after_rows, after_files = rows(), files(media_storage)
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), verbosity=0)
    assert (rows(), files(media_storage)) == (after_rows, after_files)
    call_command("restore", str(archive), "--force", verbosity=0)
    assert rows() == before_rows
    assert not any("them" in name for name in files(media_storage))


def altered(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with one member's bytes changed by `change(name, data) -> data | None` (None drops it)."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            data = change(info.name, src.extractfile(info).read())
            if data is not None:
                info.size = len(data)
                dst.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damage, message", [
    (lambda name, data: data[:-1] + bytes([data[-1] ^ 1]) if name.endswith(".pdf") else data, "checksum"),
    (lambda name, data: data + b"\0" if name.startswith("database") else data, "checksum"),
    (lambda name, data: None if name.endswith(".docx") else data, "lacks"),
    (lambda name, data: None if name == "manifest.json" else data, "manifest"),
])
def test_a_damaged_archive_is_refused_and_nothing_changes(world, media_storage, tmp_path, damage, message):
    archive = tmp_path / "out.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    wipe(media_storage)
    before_rows, before_files = rows(), files(media_storage)
    bad = altered(archive, tmp_path / "bad.tar.gz", damage)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad), verbosity=0)
    assert (rows(), files(media_storage)) == (before_rows, before_files)
    assert [p.name for p in media_storage.parent.iterdir() if p.name.startswith(".isogov-restore")] == []


def test_the_postgresql_password_goes_through_the_environment_never_the_command_line(monkeypatch):
    from isogov.core import backup

    for key, value in {"PASSWORD": "s3cret-pw", "USER": "isogov", "HOST": "db", "PORT": "5433"}.items():
        monkeypatch.setitem(connection.settings_dict, key, value)
    env, args = backup._pg_env_and_args()
    assert env["PGPASSWORD"] == "s3cret-pw"
    assert args == ["--host", "db", "--port", "5433", "--username", "isogov", "--no-password"]
    assert not any("s3cret" in a for a in args)
