"""The generator's version beside every stored seed.

The rows stored so far were drawn by version 1: they get 1 (not the current version, which would
regenerate other numbers than their students saw); new rows take the current version."""

import quiz.engine.generate
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quiz", "0016_new_kpi_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="generator",
            field=models.PositiveSmallIntegerField(default=1),
        )
        for model in ("attemptitem", "livesession")
    ] + [
        migrations.AlterField(
            model_name=model,
            name="generator",
            field=models.PositiveSmallIntegerField(default=quiz.engine.generate.current_generator),
        )
        for model in ("attemptitem", "livesession")
    ]
