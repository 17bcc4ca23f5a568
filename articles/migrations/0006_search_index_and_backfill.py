"""Fill the search columns of existing articles; on PostgreSQL, index them with pg_trgm.

Search matches words anywhere in the (unaccented, lower-case) document with
LIKE '%word%'; a GIN trigram index answers that without reading every row.
SQLite has no such index: search there reads the table, correctly, just slower.
"""

from django.db import migrations

from core.text import html_to_text, search_document

INDEXES = {
    "article_search_text_trgm": "search_text",
    "article_search_title_trgm": "search_title",
}


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "summary", "body", "author").iterator(chunk_size=500):
        Article.objects.filter(pk=article.pk).update(
            search_title=search_document(article.title),
            search_text=search_document(article.title, article.summary, html_to_text(article.body), article.author),
        )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON articles_article USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_tags_topics_search_legacy")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
