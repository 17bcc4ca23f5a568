"""Search finds the words of photo captions and alt texts too (Article.save now writes
them into search_text): the articles already stored get the same."""

from django.db import migrations

BATCH = 500


def rewrite_search_text(apps, schema_editor):
    from articles.models import article_search_text

    Article = apps.get_model("articles", "Article")
    last = 0
    while True:
        batch = list(
            Article.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "title", "summary", "body", "author", "lead_image_caption", "lead_image_alt")[:BATCH]
        )
        if not batch:
            return
        for article in batch:
            article.search_text = article_search_text(article)
        Article.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_rename_banner_to_lead_image")]

    operations = [migrations.RunPython(rewrite_search_text, migrations.RunPython.noop, elidable=True)]
