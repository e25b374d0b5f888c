"""The table of Django's database cache (config.settings.CACHE_TABLE): the wrong-PIN and sign-in
counts, shared by every process, in production without Redis. Made here rather than by a
separate `createcachetable`, so that `migrate` is the one step an install or an upgrade runs."""

from django.core.management import call_command
from django.db import migrations

CACHE_TABLE = "ndrc_cache"  # config.settings.CACHE_TABLE


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable", CACHE_TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("quiz", "0017_generator_version")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
