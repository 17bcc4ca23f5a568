"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

"""The first site, from the settings the portal had before there were sites (network/setup.py)."""

from django.db import migrations


def first_site(apps, schema_editor):
    from network.setup import make_first_site

    models = (apps.get_model(*name.split(".")) for name in ("sites.Site", "network.SiteSettings", "network.HostName"))
    make_first_site(*models, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(first_site, migrations.RunPython.noop)]
