import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_staff_roles"),
    ]

    operations = [
        # Updates recorded before this field existed get the moment it was added: they were recorded by
        # then, and no more is known of them.
        migrations.AddField(
            model_name="projectupdate",
            name="recorded_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="recorded at"
            ),
            preserve_default=False,
        ),
    ]
