"""Reading the old NukeViet database (MariaDB or MySQL through PyMySQL), read-only, in batches.

Rows are read by keyset pagination (`WHERE id > last ORDER BY id LIMIT n`): each batch is one
short query on the primary key, whatever the table's size, so memory stays flat and nothing
holds a long-running cursor on the old server while the portal's side writes.
"""

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors

# Table and column names come from the command line (--prefix, --lang, --module): only
# these characters, so that they can be put into SQL as names.
NAME = re.compile(r"^[A-Za-z0-9_]+$")


class SourceError(Exception):
    """The old database cannot be read; the message is for the operator, in Vietnamese."""


def parse_url(url: str) -> dict:
    """mysql://user:password@host:3306/database (mariadb:// too) -> PyMySQL's connect() arguments."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise SourceError(
            "Địa chỉ cơ sở dữ liệu không hợp lệ: hãy viết dạng mysql://tên:mật-khẩu@máy-chủ:3306/tên-cơ-sở-dữ-liệu."
        )
    try:
        port = parts.port or 3306
    except ValueError:
        raise SourceError("Cổng trong địa chỉ cơ sở dữ liệu không phải là số.") from None
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": port,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.strip("/")),
    }


class Source:
    """A read-only connection to the old site's database and the names of its tables."""

    def __init__(self, url: str, prefix: str = "nv4", lang: str = "vi", connect_timeout: int = 10):
        for label, value in (("--prefix", prefix), ("--lang", lang)):
            if not NAME.match(value):
                raise SourceError(f"Giá trị {label} “{value}” không hợp lệ (chỉ chữ, số và dấu gạch dưới).")
        self.prefix, self.lang = prefix, lang
        args = parse_url(url)
        try:
            self.connection = pymysql.connect(
                **args,
                charset="utf8mb4",
                connect_timeout=connect_timeout,
                cursorclass=pymysql.cursors.DictCursor,
                autocommit=True,
            )
            with self.connection.cursor() as cursor:
                # The import never writes to the old site, even by mistake.
                cursor.execute("SET SESSION TRANSACTION READ ONLY")
        except pymysql.err.OperationalError as error:
            code = error.args[0] if error.args else 0
            if code in (1044, 1045):
                message = f"Máy chủ {args['host']} từ chối tài khoản “{args['user']}” (sai tên hoặc mật khẩu)."
            elif code == 1049:
                message = f"Không có cơ sở dữ liệu “{args['database']}” trên máy chủ {args['host']}."
            else:
                message = f"Không kết nối được máy chủ cơ sở dữ liệu {args['host']}:{args['port']} ({error.args[-1]})."
            raise SourceError(message) from None
        self.database = args["database"]
        self._tables = None

    def close(self) -> None:
        self.connection.close()

    def table(self, *parts: str, lang: bool = True) -> str:
        """table("news", "rows") -> nv4_vi_news_rows; table("banners", "rows", lang=False) -> nv4_banners_rows."""
        for part in parts:
            if not NAME.match(part):
                raise SourceError(f"Tên “{part}” không hợp lệ (chỉ chữ, số và dấu gạch dưới).")
        return "_".join([self.prefix, *([self.lang] if lang else []), *parts])

    def has_table(self, name: str) -> bool:
        if self._tables is None:
            self._tables = {row[0] for row in self.query("SHOW TABLES", cursor=pymysql.cursors.Cursor)}
        return name in self._tables

    def columns(self, table: str) -> set[str]:
        return {row["Field"] for row in self.query(f"SHOW COLUMNS FROM `{table}`")}

    def query(self, sql: str, params=(), cursor=None) -> list:
        try:
            with self.connection.cursor(cursor) as cur:
                cur.execute(sql, params)
                return list(cur.fetchall())
        except pymysql.err.MySQLError as error:
            raise SourceError(f"Lỗi khi đọc cơ sở dữ liệu cũ: {error.args[-1]}") from None

    def count(self, table: str, where: str = "1=1") -> int:
        return self.query(f"SELECT COUNT(*) AS n FROM `{table}` WHERE {where}")[0]["n"]  # noqa: S608 - names checked

    def batches(self, table: str, key: str = "id", size: int = 500, where: str = "1=1") -> Iterator[list[dict]]:
        """Every row of `table`, `size` at a time, in the order of `key` (an integer column)."""
        last = -1
        while True:
            rows = self.query(
                f"SELECT * FROM `{table}` WHERE `{key}` > %s AND ({where}) ORDER BY `{key}` LIMIT %s",  # noqa: S608
                (last, size),
            )
            if not rows:
                return
            yield rows
            last = rows[-1][key]

    def all(self, table: str, order: str = "") -> list[dict]:
        """Every row of a small table (categories, sources, plans...), in `order` (column names)."""
        for name in order.replace(",", " ").split():
            if not NAME.match(name):
                raise SourceError(f"Tên cột “{name}” không hợp lệ.")
        order_by = f" ORDER BY {order}" if order else ""
        return self.query(f"SELECT * FROM `{table}`{order_by}")  # noqa: S608 - names checked

    def rows_in(self, table: str, key: str, values) -> list[dict]:
        values = list(values)
        if not values:
            return []
        marks = ", ".join(["%s"] * len(values))
        return self.query(f"SELECT * FROM `{table}` WHERE `{key}` IN ({marks})", values)  # noqa: S608

    def config(self, name: str, module: str | None = None, lang: str | None = None) -> str:
        """A value of NukeViet's configuration table (<prefix>_config), or "": of `module` (a
        module's title, or "global") in `lang` ("sys" for the site-wide ones) when given."""
        table = f"{self.prefix}_config"
        if not self.has_table(table):
            return ""
        where, params = "config_name = %s", [name]
        for column, value in (("module", module), ("lang", lang)):
            if value is not None:
                where, params = f"{where} AND `{column}` = %s", [*params, value]
        rows = self.query(f"SELECT config_value FROM `{table}` WHERE {where} LIMIT 1", params)  # noqa: S608
        return text(rows[0]["config_value"]) if rows else ""


def text(value) -> str:
    """A column's value as str (old tables hold bytes in some columns)."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        return value.decode("utf-8", "replace")
    return str(value)


def moment(seconds) -> datetime | None:
    """NukeViet stores times as Unix seconds (0: none); the moment is the same in every time zone."""
    seconds = int(seconds or 0)
    return datetime.fromtimestamp(seconds, tz=UTC) if seconds > 0 else None


def local_date(seconds) -> date | None:
    from django.utils import timezone

    when = moment(seconds)
    return timezone.localtime(when).date() if when else None


def fingerprint(*values) -> str:
    """A stable hash of old values: equal when nothing the object is made of has changed."""
    data = json.dumps(values, sort_keys=True, default=text, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()
