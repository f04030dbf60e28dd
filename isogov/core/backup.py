"""`isogov backup` and `isogov restore`: the database and the uploaded files in one tar.gz, consistent together.

Consistency. The database is snapshotted first, in one go: on SQLite through the online backup API
(`sqlite3.Connection.backup`, which copies a consistent image page by page while other connections keep
writing; copying the live file could miss what still sits in its WAL), on PostgreSQL with `pg_dump -Fc`, which
reads one transaction snapshot. The media tree is copied after. Uploads are write-once (a new upload gets a new
name; nothing rewrites a stored file in place), so every file the snapshot names already exists, complete, when
the copy starts; a file written after the snapshot is an extra the restored database does not name: harmless. A
file deleted between the snapshot and the copy (a purged job's result) is the one gap, and it belongs to a row
that was itself on its way out.

The archive holds `manifest.json` (isogov's version and commit, the database vendor, when, the rows of every
table, the sha256 of every other member), `database.sqlite3` or `database.pgdump`, and `media/...`. A restore
checks the manifest and every checksum before it touches anything, refuses a database that already holds data
unless forced, and swaps the media folder in whole (unpacked beside it first), so files are all-or-nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables a freshly migrated database already fills (the migrations' own data): their rows say nothing about
# whether real work would be overwritten. The tables that do: anyone's account, any agency, any audit event.
DATA_TABLES = ("accounts_user", "registry_agency", "audit_auditevent")


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, for the operator."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _version() -> dict:
    try:
        version = metadata.version("isogov")
    except metadata.PackageNotFoundError:
        version = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=settings.PROJECT_DIR, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"version": version, "commit": commit}


def _count(cursor, names) -> dict[str, int]:
    counts = {}
    for name in sorted(names):
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _count(cursor, connection.introspection.table_names(cursor))


def _media_root() -> Path | None:
    """The uploaded files' folder, or None when they live elsewhere (object storage keeps its own versions)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # never on the command line, where `ps` shows it to every user
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, args + ["--no-password"]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(_("%(tool)s is not on PATH: install PostgreSQL's client tools (the server's major version).")
                          % {"tool": name})
    return found


def _dump_database(target: Path) -> dict[str, int]:
    """The snapshot, and the rows of each table as the snapshot holds them (read from the snapshot itself)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        out = sqlite3.connect(target)
        try:
            connection.connection.backup(out)
            names = [r[0] for r in out.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            return _count(out.cursor(), names)
        finally:
            out.close()
    if connection.vendor != "postgresql":
        raise BackupError(_("Backups of a %(vendor)s database are not supported.") % {"vendor": connection.vendor})
    env, args = _pg_env_and_args()
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_dump reads the very snapshot this transaction counted its rows in.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count(cursor, connection.introspection.table_names(cursor))
        done = subprocess.run([_tool("pg_dump"), "-Fc", f"--snapshot={snapshot}", *args, "--file", str(target),
                               connection.settings_dict["NAME"]], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": done.stderr.strip()})
    return counts


def create(archive: Path) -> dict:
    """Write the archive (to a temporary name, renamed when complete); its manifest."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="isogov-backup-") as work:
        work = Path(work)
        db_file = work / DB_MEMBER.get(connection.vendor, "database")
        created_at = dt.datetime.now(dt.UTC).isoformat()
        counts = _dump_database(db_file)
        members = {db_file.name: _sha256(db_file)}
        media = _media_root()
        media_files = []
        if media is not None and media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                name = "media/" + path.relative_to(media).as_posix()
                members[name] = _sha256(path)
                media_files.append((name, path))
        manifest = {"format": FORMAT, "isogov": _version(), "vendor": connection.vendor, "created_at": created_at,
                    "tables": counts, "media": "included" if media is not None else "not included (object storage)",
                    "members": members}
        partial = archive.with_name(f".{archive.name}.partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            for name, path in media_files:
                tar.add(path, arcname=name)
        os.replace(partial, archive)
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name != ""


def read_checked(archive: Path, into: Path) -> dict:
    """Unpack the archive into `into` after checking it: the manifest, no stray or missing member, every sha256."""
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(_("Not a readable backup archive: %(error)s") % {"error": exc}) from exc
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
            members = dict(manifest["members"])
            manifest["vendor"], manifest["tables"]  # noqa: B018 - present, or the manifest is not ours
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BackupError(_("The archive has no valid manifest.json.")) from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(_("Unknown backup format %(format)r.") % {"format": manifest.get("format")})
        seen = set()
        for info in tar.getmembers():
            if info.name == MANIFEST:
                continue
            if not info.isfile() or not _safe_name(info.name) or info.name not in members:
                raise BackupError(_("The archive holds %(name)r, which its manifest does not list.")
                                  % {"name": info.name})
            target = into / info.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            if _sha256(target) != members[info.name]:
                raise BackupError(_("%(name)s does not match its checksum: the archive is damaged or altered.")
                                  % {"name": info.name})
            seen.add(info.name)
    missing = set(members) - seen
    if missing:
        raise BackupError(_("The archive lacks %(names)s, which its manifest lists.")
                          % {"names": ", ".join(sorted(missing))})
    return manifest


def holds_data() -> bool:
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for name in DATA_TABLES:
            if name in present:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def _load_database(db_file: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(db_file)
        try:
            # Page by page into the live database, through SQLite itself (so the WAL stays coherent).
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        env, args = _pg_env_and_args()
        connection.close()
        done = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                               *args, "--dbname", connection.settings_dict["NAME"], str(db_file)],
                              env=env, capture_output=True, text=True)
        if done.returncode:
            raise BackupError(_("pg_restore failed (the database is as it was): %(error)s")
                              % {"error": done.stderr.strip()})


def restore(archive: Path, *, force: bool = False) -> dict:
    """Check the archive, then replace the database and the media folder by its contents; the manifest."""
    media = _media_root()
    staging_parent = media.parent if media is not None else None
    if staging_parent is not None:
        staging_parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the media folder, on its file system, so the swap is two renames.
    with tempfile.TemporaryDirectory(prefix=".isogov-restore-", dir=staging_parent) as work:
        work = Path(work)
        manifest = read_checked(Path(archive), work)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(_("This backup is of a %(theirs)s database; this one is %(ours)s.")
                              % {"theirs": manifest["vendor"], "ours": connection.vendor})
        if not force and holds_data():
            raise BackupError(_("The database already holds data (users, agencies or an audit trail): "
                                "restore into an empty database, or pass --force to replace it."))
        _load_database(work / DB_MEMBER[manifest["vendor"]])
        restored = table_counts()
        differ = {t: (n, restored.get(t)) for t, n in manifest["tables"].items() if restored.get(t) != n}
        if differ:
            raise BackupError(_("The restored tables do not hold the rows the manifest counts: %(tables)s")
                              % {"tables": differ})
        if media is not None:
            incoming = work / "media"
            incoming.mkdir(exist_ok=True)
            old = work / "replaced-media"
            if media.exists():
                os.replace(media, old)
            try:
                os.replace(incoming, media)
            except OSError:
                if old.exists():
                    os.replace(old, media)  # the files as they were, rather than none
                raise
    return manifest
