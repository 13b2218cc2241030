"""Fill the diacritic-free search name of gminy loaded before it existed."""

from anyascii import anyascii
from django.db import migrations


def fill(apps, schema_editor):
    Municipality = apps.get_model("members", "Municipality")
    rows = list(Municipality.objects.filter(search_name=""))
    for row in rows:
        row.search_name = anyascii(row.name).lower().strip()
    Municipality.objects.bulk_update(rows, ["search_name"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [("members", "0002_registry_dues_applications_invitations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
