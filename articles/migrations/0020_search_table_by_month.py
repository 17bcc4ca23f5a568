"""PostgreSQL: the search table, partitioned by month, kept by a trigger (articles/searchindex.py).

The RUM index of 0019 collects and sorts every match of a phrase before its first row, so a
broad phrase at 1,000,000 articles cost 100-360 ms, and a commune among 100 sites paid for
the other sites' matches. `articles_search` holds the few columns search needs, one
partition a month, with GIN indexes on (site_id, words): the newest months are read first
and the search stops there (bench/RESULTS.md).

- Kept by triggers on articles_article, not by save(): bulk_create, the importer and raw
  UPDATEs are covered. An UPDATE that changes none of the searched columns (a vote's
  totals) does not touch it. TRUNCATE empties it too.
- Partitions: from the oldest article's month to three years ahead, made here; the trigger
  makes any other when an article needs it (CREATE TABLE … PARTITION OF locks the table for
  that transaction: rare, an imported old article). No default partition.
- btree_gin (contrib, a trusted extension) lets each index lead with the site; where it
  cannot be created the indexes are on the words alone and the site is a filter.
- The existing articles are copied (INSERT … SELECT) before the indexes are built.
- The RUM/GIN index of 0019/0007 stays: it is the path of a database without this table,
  and the admin's search does not use it. Going back drops the table, its function and
  triggers.
"""

from django.db import migrations, models, transaction

TABLE = "articles_search"

CREATE_TABLE = f"""
CREATE TABLE {TABLE} (
    article_id bigint NOT NULL,
    site_id integer NOT NULL,
    category_id bigint NOT NULL,
    status varchar(16) NOT NULL,
    published_at timestamptz NOT NULL,
    expires_at timestamptz,
    search_title varchar(255) NOT NULL,
    title_vector tsvector NOT NULL,
    search_vector tsvector NOT NULL,
    PRIMARY KEY (article_id, published_at)
) PARTITION BY RANGE (published_at)
"""

# The month's partition of `moment` (UTC months, whatever the session's time zone).
PARTITION_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_partition(moment timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    first timestamp := date_trunc('month', moment AT TIME ZONE 'UTC');
    name text := '{TABLE}_' || to_char(first, 'YYYYMM');
BEGIN
    IF to_regclass(name) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF {TABLE} FOR VALUES FROM (%L) TO (%L)',
            name, first AT TIME ZONE 'UTC', (first + interval '1 month') AT TIME ZONE 'UTC'
        );
    END IF;
END $$
"""

COLUMNS = (
    "article_id, site_id, category_id, status, published_at, expires_at, search_title, title_vector, search_vector"
)


def _values(row: str) -> str:
    return (
        f"{row}.id, {row}.site_id, {row}.category_id, {row}.status, {row}.published_at, {row}.expires_at, "
        f"{row}.search_title, to_tsvector('simple', {row}.search_title), {row}.search_vector"
    )


SYNC_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {TABLE} WHERE article_id = OLD.id AND published_at = OLD.published_at;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM {TABLE}_partition(NEW.published_at);
        INSERT INTO {TABLE} ({COLUMNS}) VALUES ({_values("NEW")});
    END IF;
    RETURN NULL;
END $$
"""

TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END $$
"""

SEARCHED = ("site_id", "category_id", "status", "published_at", "expires_at", "search_title", "search_text")
CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in SEARCHED)

TRIGGERS = [
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON articles_article FOR EACH ROW EXECUTE FUNCTION {TABLE}_sync()",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON articles_article "
    f"FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION {TABLE}_sync()",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON articles_article FOR EACH ROW EXECUTE FUNCTION {TABLE}_sync()",
    f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON articles_article "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncate()",
]


def btree_gin(schema_editor) -> bool:
    """btree_gin created (or there already): contrib, trusted since PostgreSQL 13, so the
    database's owner may create it; where it cannot be, False (and nothing has failed)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin'")
        if cursor.fetchone() is None:
            return False
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        except Exception:  # noqa: BLE001 - no privilege: the indexes go without the site
            return False
    return True


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    site = "site_id, " if btree_gin(schema_editor) else ""
    for statement in [CREATE_TABLE, PARTITION_FUNCTION, SYNC_FUNCTION, TRUNCATE_FUNCTION, *TRIGGERS]:
        schema_editor.execute(statement, None)  # None: '%' is SQL, not a placeholder
    # The triggers first: they lock out writers until this migration commits, so no article
    # written meanwhile is missed by the copy below.
    schema_editor.execute(
        f"SELECT {TABLE}_partition(month) FROM generate_series("
        "  date_trunc('month', (SELECT least(min(published_at), now()) FROM articles_article) AT TIME ZONE 'UTC'),"
        "  greatest(now() AT TIME ZONE 'UTC' + interval '3 years',"
        "           (SELECT max(published_at) FROM articles_article) AT TIME ZONE 'UTC'),"
        "  interval '1 month') AS month"
    )
    schema_editor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) SELECT {_values('articles_article')} FROM articles_article")
    # On the parent: every partition, and every one made later, gets them. No pending list
    # (fastupdate off): a search never reads unmerged entries in full.
    schema_editor.execute(
        f"CREATE INDEX {TABLE}_words_idx ON {TABLE} USING gin ({site}search_vector) WITH (fastupdate = off)"
    )
    schema_editor.execute(
        f"CREATE INDEX {TABLE}_title_idx ON {TABLE} USING gin ({site}title_vector) WITH (fastupdate = off)"
    )
    schema_editor.execute(f"ANALYZE {TABLE}")


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for trigger in ("insert", "update", "delete", "truncate"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger} ON articles_article")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    for function in ("sync()", "truncate()", "partition(timestamptz)"):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_{function}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_search_rum_index"), ("sites", "0002_alter_domain_unique")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("article_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("status", models.CharField(max_length=16)),
                ("published_at", models.DateTimeField()),
                ("expires_at", models.DateTimeField(null=True)),
                ("search_title", models.CharField(max_length=255)),
                (
                    "category",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.category",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="sites.site"
                    ),
                ),
            ],
            options={
                "db_table": "articles_search",
                "managed": False,
                "verbose_name": "mục tìm kiếm",
                "verbose_name_plural": "mục tìm kiếm",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_table, drop_table),
    ]
