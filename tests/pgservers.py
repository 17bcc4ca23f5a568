"""PostgreSQL servers of a test's own, from the installed binaries: a primary with a
streaming replica (pg_basebackup -R), and Debian's pgbouncer in front of one, built from
deploy/pgbouncer.ini. Each lives in a temporary folder on a free port and is removed
afterwards. As root, everything runs as the postgres user (initdb and pgbouncer refuse
root), as scripts/with-postgres does.

Used by tests/deploy/test_replica.py and test_pgbouncer.py, and for the whole-set test.
"""

import contextlib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from tests.live import ROOT, STARTUP_SECONDS, free_port

SECRET_KEY = "tests-only-secret-key-for-the-own-postgresql-0123456789abcdef"
ADMIN = ("quantri", "mat-khau-thu-nghiem-2024")


def postgresql_bin() -> Path | None:
    """The folder of initdb, pg_ctl and pg_basebackup, newest version first, or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if all(os.access(f"{folder}/{name}", os.X_OK) for name in ("initdb", "pg_ctl", "pg_basebackup")):
            return Path(folder)
    return None


def _as_owner() -> list[str]:
    """Run as the postgres user when this is root."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _own_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


class Cluster:
    """One PostgreSQL server: `data` its data folder, listening on 127.0.0.1:`port`."""

    def __init__(self, bindir: Path, data: Path, port: int):
        self.bindir, self.data, self.port = bindir, data, port

    def url(self, dbname: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def run(self, tool: str, *args: str) -> None:
        command = [*_as_owner(), str(self.bindir / tool), *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"{tool} failed: {result.stderr or result.stdout}")

    def start(self) -> None:
        socket_dir = self.data.parent
        options = f"-p {self.port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", f"{self.data}.log", "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        command = [*_as_owner(), str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0

    def query(self, sql: str, params=(), dbname: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []


@contextlib.contextmanager
def postgresql():
    """One PostgreSQL server of the test's own; yields its Cluster."""
    bindir = postgresql_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL's binaries (initdb, pg_ctl) are not installed")
    folder = _own_folder("huyenuy-pg-")
    cluster = Cluster(bindir, folder / "data", free_port())
    try:
        cluster.run("initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
        cluster.start()
        yield cluster
    finally:
        if cluster.data.exists():
            with contextlib.suppress(RuntimeError):
                cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def primary_and_replica():
    """A primary (wal_level=replica) and a hot standby streaming from it; yields (primary, replica)."""
    bindir = postgresql_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL's binaries (initdb, pg_ctl, pg_basebackup) are not installed")
    folder = _own_folder("huyenuy-pgpair-")
    primary = Cluster(bindir, folder / "primary", free_port())
    replica = Cluster(bindir, folder / "replica", free_port())
    try:
        primary.run("initdb", "-D", str(primary.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
        with open(primary.data / "postgresql.conf", "a") as conf:
            # initdb's pg_hba.conf already lets local replication connections in (trust).
            conf.write("wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n")
        if os.geteuid() == 0:
            shutil.chown(primary.data / "postgresql.conf", "postgres", "postgres")
        primary.start()
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
        replica.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        replica.start()
        yield primary, replica
    finally:
        for cluster in (replica, primary):
            if cluster.data.exists():
                with contextlib.suppress(RuntimeError):
                    cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def wait_for_replay(primary: Cluster, replica: Cluster) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    (lsn,) = primary.query("SELECT pg_current_wal_lsn()")[0]
    deadline = time.monotonic() + STARTUP_SECONDS
    while not replica.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,))[0][0]:
        if time.monotonic() > deadline:
            raise RuntimeError("the replica did not catch up with the primary")
        time.sleep(0.05)


def manage(database_url: str, *args: str, media_root: Path, **env) -> str:
    """`manage.py <args>` against `database_url`, as production runs it (DEBUG=0)."""
    full_env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        # The app servers' names (tests/live.py): `migrate` makes the first site for them.
        "ALLOWED_HOSTS": "127.0.0.1,portal.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "CACHE_URL": "dummy://",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def load_portal(database_url: str, media_root: Path) -> None:
    """The portal's tables, the demo content (the seed article and 60-odd around it) and
    an administrator ADMIN (superuser), in the database at `database_url`."""
    manage(database_url, "migrate", "--noinput", media_root=media_root)
    manage(database_url, "load_demo", media_root=media_root)
    username, password = ADMIN
    manage(
        database_url, "createsuperuser", "--noinput", "--username", username, "--email", "qt@example.vn",
        media_root=media_root, DJANGO_SUPERUSER_PASSWORD=password,
    )  # fmt: skip


def create_database(cluster: Cluster, name: str) -> str:
    cluster.query(f'CREATE DATABASE "{name}"')
    return cluster.url(name)


# --- pgbouncer -----------------------------------------------------------------------------


def pgbouncer_version() -> tuple[int, int] | None:
    program = shutil.which("pgbouncer")
    if program is None:
        return None
    output = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"PgBouncer (\d+)\.(\d+)", output)
    return (int(found[1]), int(found[2])) if found else None


def pgbouncer_ini(databases: dict[str, str], settings: dict[str, str]) -> str:
    """deploy/pgbouncer.ini with its [databases] replaced and these [pgbouncer] settings
    put in place of the shipped ones (commented out or not), the others as they are."""
    template = (ROOT / "deploy" / "pgbouncer.ini").read_text()
    lines, section, left = [], None, dict(settings)
    for line in template.splitlines():
        header = re.fullmatch(r"\[(\w+)\]", line.strip())
        if header:
            if section == "pgbouncer":
                lines += [f"{key} = {value}" for key, value in left.items()]
                left = {}
            section = header[1]
            lines.append(line)
            if section == "databases":
                lines += [f"{name} = {conninfo}" for name, conninfo in databases.items()]
            continue
        setting = re.match(r";?\s*(\w+)\s*=", line)
        if section == "databases" and setting and not line.startswith(";"):
            continue  # the shipped database
        if section == "pgbouncer" and setting and setting[1] in settings:
            key = setting[1]
            if key in left:
                lines.append(f"{key} = {left.pop(key)}")
            continue
        lines.append(line)
    if section == "pgbouncer":
        lines += [f"{key} = {value}" for key, value in left.items()]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def pgbouncer(cluster: Cluster, dbname: str, **settings):
    """Debian's pgbouncer with deploy/pgbouncer.ini in front of `cluster`'s `dbname`, on a
    free port with trust authentication; `settings` override the shipped ones (pool_mode,
    default_pool_size, max_prepared_statements...). Yields the portal's DATABASE_URL."""
    program = shutil.which("pgbouncer")
    if program is None:
        raise RuntimeError("pgbouncer is not installed (apt-get install pgbouncer)")
    folder = _own_folder("huyenuy-pgbouncer-")
    port = free_port()
    (folder / "userlist.txt").write_text('"postgres" ""\n')
    ini = pgbouncer_ini(
        {dbname: f"host=127.0.0.1 port={cluster.port} dbname={dbname}"},
        {
            "listen_port": str(port),
            "unix_socket_dir": "",
            "auth_type": "trust",
            "auth_file": str(folder / "userlist.txt"),
            "logfile": str(folder / "pgbouncer.log"),
            "pidfile": str(folder / "pgbouncer.pid"),
            **settings,
        },
    )
    (folder / "pgbouncer.ini").write_text(ini)
    for name in ("userlist.txt", "pgbouncer.ini"):
        (folder / name).chmod(0o644)
    # As root, pgbouncer itself becomes postgres (-u): terminate() then reaches it.
    command = [program, *(["-u", "postgres"] if os.geteuid() == 0 else []), str(folder / "pgbouncer.ini")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgres://postgres@127.0.0.1:{port}/{dbname}"
    try:
        import psycopg

        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                psycopg.connect(url, connect_timeout=5).close()
                break
            except psycopg.OperationalError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (folder / "pgbouncer.log").read_text(errors="replace")
                        if (folder / "pgbouncer.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"pgbouncer did not start:\n{log[-3000:]}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


# --- the portal through them -----------------------------------------------------------------


class _FormReader(HTMLParser):
    """The values a browser would send for the form with id `form_id` (no files, no buttons)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif not self.inside or (not attrs.get("name") and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields


def admin_login(browser, base: str, account: tuple[str, str] = ADMIN) -> None:
    """Log `browser` (tests.live.Browser) in to the admin at `base` as `account`."""
    status, _, page = browser.get(f"{base}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urlencode({"csrfmiddlewaretoken": token, "username": account[0], "password": account[1], "next": "/admin/"})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{browser.host}/admin/login/"}
    status, _, page = browser.request("POST", f"{base}/admin/login/", data, headers)
    if status != 200 or ("csrfmiddlewaretoken" in page and 'name="password"' in page):
        raise RuntimeError(f"admin login refused ({status})")


def admin_save(browser, base: str, change_path: str, **changes: str) -> tuple[int, str]:
    """Open an admin change form, change some fields, press "Lưu lại"; (status, page)."""
    _, _, page = browser.get(base + change_path)
    fields = [(name, value) for name, value in form_fields(page, _form_id(page)) if name not in changes]
    fields += [*changes.items(), ("_save", "Lưu lại")]
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{browser.host}{change_path}"}
    status, _, answer = browser.request("POST", base + change_path, urlencode(fields), headers)
    return status, answer


def _form_id(page: str) -> str:
    return re.search(r'<form [^>]*id="(\w+_form)"', page)[1]
