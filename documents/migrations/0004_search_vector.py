"""PostgreSQL: a word vector of the register's search text, with a GIN index (as articles
have, articles/migrations/0007): every word of a query must be in a document, and
LIKE over 100,000 long rows took a tenth of a second a search (bench/documents.py).
The vector is generated from search_text ('simple': no stemming, no stop words), so it
can never disagree with it. SQLite keeps using LIKE."""

from django.db import migrations


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS document_search_vector_idx ON documents_document USING gin (search_vector)"
    )


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS document_search_vector_idx")
    schema_editor.execute("ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_legacy_alias")]

    operations = [migrations.RunPython(add_vector, drop_vector)]
