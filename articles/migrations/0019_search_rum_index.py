"""PostgreSQL with the RUM extension: one index that finds the words and orders by date.

The GIN index of 0007 finds the articles with every word, but only in no order:
the newest of 100,000 matches are known after reading and sorting all of them.
A RUM index stores each article's published_at beside its words
(rum_tsvector_addon_ops), so `ORDER BY published_at <=| now LIMIT n` reads the
n newest matches from the index and stops (articles/search.py; bench/RESULTS.md).

The extension is Debian's postgresql-15-rum (.ci/run and `make` install it). Where
it is not installed this migration does nothing and search keeps the GIN path;
installing it later and running `manage.py migrate articles 0018` then `migrate`
creates the index. The RUM index answers `@@` as well, so it replaces the GIN
index (one word index to write on every save, not two; with both, the planner
reads whichever it prices lower); going back puts the GIN index back.
"""

from django.db import migrations

INDEX = "article_search_rum_idx"
GIN_INDEX = "article_search_vector_idx"  # migration 0007's


def rum_available(schema_editor) -> bool:
    """Installed on the server, and either created in this database already or ours to create
    (rum is not a trusted extension: CREATE EXTENSION needs a superuser)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') OR ("
            " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')"
            " AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))"
        )
        return cursor.fetchone()[0]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql" or not rum_available(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article "
        "USING rum (search_vector rum_tsvector_addon_ops, published_at) "
        "WITH (attach = 'published_at', to = 'search_vector')"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON articles_article USING gin (search_vector)")
    # The extension stays: another table may use it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_category_index_with_site")]

    operations = [migrations.RunPython(create_index, drop_index)]
