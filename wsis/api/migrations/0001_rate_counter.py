from django.db import migrations, models


def unlogged(apps, schema_editor):
    """Rate counters need no crash safety; unlogged, their writes wait for no WAL flush."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE api_ratecounter SET UNLOGGED")


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("name", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("window_ends", models.BigIntegerField()),
                ("hits", models.PositiveIntegerField()),
            ],
        ),
        migrations.RunPython(unlogged, migrations.RunPython.noop),
    ]
