"""One archive holds the whole site: the database and the uploaded photos (MEDIA_ROOT).

    huyenuy-2026-11-27-0300.tar.gz
        database.dump      PostgreSQL: pg_dump's custom format (pg_restore reads it)
        database.sqlite3   SQLite (`make run`): a consistent copy of the file
        media/...          every uploaded file

manage.py backup writes one; manage.py restore puts both back and empties the page
cache, so that no page from before the restore is served after it.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

import pagecache
from pagecache import store


class BackupError(Exception):
    """A backup or a restore could not be done; the message says why, in Vietnamese."""


def _database():
    return connections["default"].settings_dict


def _pg_environment(db) -> dict:
    env = {**os.environ}
    for name, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    return env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (apt-get install postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} báo lỗi: {result.stderr.strip()[-500:]}")


def backup(folder: Path) -> Path:
    """Write the archive into `folder`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"huyenuy-{datetime.now():%Y-%m-%d-%H%M%S}.tar.gz"
    db = _database()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if db["ENGINE"] == "django.db.backends.postgresql":
            dump = work / "database.dump"
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", db["NAME"]], _pg_environment(db))
        else:
            dump = work / "database.sqlite3"
            with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(dump) as copy:
                source.backup(copy)
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=dump.name)
            if Path(settings.MEDIA_ROOT).is_dir():
                tar.add(settings.MEDIA_ROOT, arcname="media")
        partial.rename(archive)  # complete, or not there at all
    return archive


def restore(archive: Path) -> None:
    """Put the archive's database and photos back, then empty the page cache.

    Into the database DATABASE_URL names, created if it does not exist; what is there is
    replaced (pg_restore --clean). Nothing of the site is changed before the archive has
    been read whole."""
    if not archive.is_file():
        raise BackupError(f"Không có tệp sao lưu {archive}.")
    db = _database()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"Tệp sao lưu {archive} không đọc được: {error}") from None
        connections.close_all()
        if db["ENGINE"] == "django.db.backends.postgresql":
            dump = work / "database.dump"
            if not dump.is_file():
                raise BackupError("Tệp sao lưu không có cơ sở dữ liệu PostgreSQL (database.dump).")
            env = _pg_environment(db)
            _create_if_missing(db["NAME"], env)
            _drop_partitioned_tables(db["NAME"], env)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={db['NAME']}", str(dump)], env)
        else:
            dump = work / "database.sqlite3"
            if not dump.is_file():
                raise BackupError("Tệp sao lưu không có cơ sở dữ liệu SQLite (database.sqlite3).")
            with sqlite3.connect(dump) as source, sqlite3.connect(db["NAME"]) as target:
                source.backup(target)
        media = Path(settings.MEDIA_ROOT)
        if (work / "media").is_dir():
            # The folder itself may be a mount point (NFS): empty it, keep it.
            for child in media.iterdir() if media.is_dir() else ():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            shutil.copytree(work / "media", media, dirs_exist_ok=True)
    try:
        store.clear()
        pagecache.invalidate_all()
    except pagecache.CACHE_ERRORS as error:
        raise BackupError(
            f"Đã phục hồi, nhưng chưa xóa được bộ nhớ đệm trang ({error}): hãy chạy `manage.py clear_pages`."
        ) from None


def _connection_params(env: dict) -> dict:
    """psycopg's connection arguments from the PG* variables _pg_environment() gives the tools."""
    return {name: env.get(f"PG{name.upper()}") for name in ("host", "port", "user", "password")}


def _drop_partitioned_tables(name: str, env: dict) -> None:
    """pg_restore --clean drops each partition's primary key before its table, which PostgreSQL
    refuses (the key is the partitioned table's): a partitioned table is dropped first, with its
    partitions (the search table, articles/searchindex.py), and comes back whole from the dump."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname=name, **_connection_params(env)) as target:
        tables = target.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'p' AND NOT c.relispartition"
            " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            target.execute(sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(sql.Identifier(schema, table)))


def _create_if_missing(name: str, env: dict) -> None:
    """A restore onto a new server, or after the database was dropped: create it first."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **_connection_params(env)) as maintenance:
        if not maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            maintenance.execute(f'CREATE DATABASE "{name}"')
