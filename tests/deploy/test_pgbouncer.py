"""Issue 17, point 3: the portal through Debian's pgbouncer in transaction mode.

The test starts its own PostgreSQL and pgbouncer with the shipped deploy/pgbouncer.ini
(tests/pgservers.py) and real gunicorn in front, configured as the README says:
DB_CONN_MAX_AGE=0 and, with a pgbouncer older than 1.21, DB_PREPARED_STATEMENTS=0.
Pages, a vote and an admin save go through it. Then both settings are proved on a
pool of one server connection shared by two workers that keep their connections: with
prepared statements on, the second worker to prepare the article page's statement finds
the first one's name taken on the shared server connection ("prepared statement ...
already exists") and the reader gets an error; with DB_PREPARED_STATEMENTS=0 every page
comes. A pgbouncer of 1.21 or later is run with max_prepared_statements and prepared
statements on, and must serve every page.
"""

import json
import os
import re
import threading
from types import SimpleNamespace

import pytest

from tests.live import Browser, app_env, gunicorn
from tests.pgservers import (
    SECRET_KEY,
    admin_login,
    admin_save,
    create_database,
    load_portal,
    pgbouncer,
    pgbouncer_version,
    postgresql,
    postgresql_bin,
)

pytestmark = [pytest.mark.live]

SEED_TITLE = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn"
VERSION = pgbouncer_version()


@pytest.fixture(scope="module")
def database(tmp_path_factory, static_root):
    if postgresql_bin() is None or VERSION is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("PostgreSQL and pgbouncer are needed (apt-get install postgresql pgbouncer)")
        pytest.skip("PostgreSQL's binaries or pgbouncer are not installed")
    folder = tmp_path_factory.mktemp("pgbouncer")
    with postgresql() as cluster:
        load_portal(create_database(cluster, "portal"), folder / "media")
        yield SimpleNamespace(cluster=cluster, folder=folder, static_root=static_root)


def portal_env(database, url: str, **extra) -> dict:
    settings = SimpleNamespace(SECRET_KEY=SECRET_KEY, MEDIA_ROOT=database.folder / "media")
    return app_env(settings, "dummy://", database.static_root, DATABASE_URL=url, ADMIN_REQUIRE_2FA="0", **extra)


def seed(database) -> tuple[int, str]:
    pk, slug, category = database.cluster.query(
        "SELECT a.id, a.slug, c.slug FROM articles_article a JOIN articles_category c ON c.id = a.category_id"
        " WHERE a.title LIKE %s ORDER BY a.id LIMIT 1",
        (SEED_TITLE + "%",),
        dbname="portal",
    )[0]
    return pk, f"/{category}/{slug}-{pk}.html"


def crowd(base: str, url: str, readers: int = 4, each: int = 15) -> list[int]:
    """`readers` at once, each opening the page `each` times: every status they got."""
    statuses, lock = [], threading.Lock()

    def read():
        for _ in range(each):
            status = Browser().get(base + url)[0]
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_pages_a_vote_and_an_admin_save_through_pgbouncer_in_transaction_mode(database):
    pk, url = seed(database)
    prepared = "1" if VERSION >= (1, 21) else "0"
    settings = {"max_prepared_statements": "100"} if VERSION >= (1, 21) else {}
    with pgbouncer(database.cluster, "portal", pool_mode="transaction", default_pool_size="2", **settings) as url_:
        env = portal_env(database, url_, DB_CONN_MAX_AGE="0", DB_PREPARED_STATEMENTS=prepared)
        with gunicorn(env, workers=3) as base:
            reader = Browser()
            status, _, page = reader.get(base + url)
            assert status == 200 and SEED_TITLE in page
            assert reader.get(base + "/")[0] == 200
            count = database.cluster.query("SELECT rating_count FROM articles_article WHERE id = %s", (pk,), "portal")
            status, _, body = reader.vote(base, pk, 4)
            assert status == 200 and json.loads(body)["count"] == count[0][0] + 1

            editor = Browser()
            admin_login(editor, base)
            status, answer = admin_save(
                editor, base, f"/admin/articles/article/{pk}/change/", title=f"{SEED_TITLE} (qua pgbouncer)"
            )
            assert status == 200 and "errornote" not in answer
            assert "(qua pgbouncer)" in reader.get(base + url)[2]
            # Many readers at once, each request on whichever server connection is free.
            assert set(crowd(base, url)) == {200}


@pytest.mark.skipif(VERSION is not None and VERSION >= (1, 21), reason="pgbouncer 1.21+ keeps prepared statements")
@pytest.mark.parametrize("prepared", ["1", "0"])
def test_db_prepared_statements_behind_pgbouncer_older_than_1_21(database, prepared):
    _, url = seed(database)
    # One server connection for every client: what one worker prepares there, the next finds.
    with pgbouncer(database.cluster, "portal", pool_mode="transaction", default_pool_size="1") as url_:
        env = portal_env(database, url_, DB_CONN_MAX_AGE="60", DB_PREPARED_STATEMENTS=prepared, PAGE_CACHE_SECONDS="0")
        log = database.folder / f"gunicorn-prepared-{prepared}.log"
        with gunicorn(env, workers=2, log=log) as base:
            statuses = crowd(base, url)
        errors = re.findall(
            r"prepared statement \S+ (?:already exists|does not exist)", log.read_text(errors="replace")
        )
        if prepared == "1":
            assert 500 in statuses and errors  # readers get the error page
        else:
            assert set(statuses) == {200} and not errors


@pytest.mark.skipif(VERSION is None or VERSION < (1, 21), reason=f"pgbouncer {VERSION} has no max_prepared_statements")
def test_prepared_statements_behind_pgbouncer_1_21_with_max_prepared_statements(database):
    _, url = seed(database)
    settings = {"default_pool_size": "1", "max_prepared_statements": "100"}
    with pgbouncer(database.cluster, "portal", pool_mode="transaction", **settings) as url_:
        env = portal_env(database, url_, DB_CONN_MAX_AGE="60", DB_PREPARED_STATEMENTS="1", PAGE_CACHE_SECONDS="0")
        with gunicorn(env, workers=2) as base:
            assert set(crowd(base, url)) == {200}
