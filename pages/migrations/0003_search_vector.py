"""PostgreSQL: a word vector of the pages' search text with a GIN index, as articles and
documents have (documents/migrations/0004): the site's search asks every kind the same way.
Generated from search_text ('simple': no stemming, no stop words), so it can never disagree
with it. SQLite keeps using LIKE."""

from django.db import migrations


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE pages_page ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    schema_editor.execute("CREATE INDEX IF NOT EXISTS page_search_vector_idx ON pages_page USING gin (search_vector)")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS page_search_vector_idx")
    schema_editor.execute("ALTER TABLE pages_page DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_roles")]

    operations = [migrations.RunPython(add_vector, drop_vector)]
