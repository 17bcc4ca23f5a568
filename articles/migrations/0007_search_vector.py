"""PostgreSQL: a full-text vector of the search document, with a GIN index.

The words of a query must all occur in an article; on many articles with common
words the trigram index of 0006 still reads thousands of long rows, while the
word index answers from the index alone (bench/search.py). The vector is a
generated column of the unaccented search_text ('simple' configuration: no
stemming, no stop words), so it can never disagree with it. SQLite keeps using
LIKE on search_text.
"""

from django.db import migrations


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_search_vector_idx ON articles_article USING gin (search_vector)"
    )
    # The trigram index on the whole text is replaced by the word index; the one on
    # titles stays (it ranks title matches first).
    schema_editor.execute("DROP INDEX IF EXISTS article_search_text_trgm")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_search_vector_idx")
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_search_text_trgm ON articles_article USING gin (search_text gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_index_and_backfill")]

    operations = [migrations.RunPython(add_vector, drop_vector)]
