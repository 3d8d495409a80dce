"""Periods get a state: penyusunan (draft), berlaku (in force, at most one) or arsip.

Until now the latest year was "current" everywhere; it becomes the one *berlaku*, and every
earlier year an *arsip*, so nothing a user reads changes on the day this migration runs.
"""

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


def _status_awal(apps, schema_editor):
    PeriodeABK = apps.get_model("analisis_beban", "PeriodeABK")
    terakhir = PeriodeABK.objects.order_by("-tahun").first()
    if terakhir is None:
        return
    PeriodeABK.objects.exclude(pk=terakhir.pk).update(status="arsip")
    PeriodeABK.objects.filter(pk=terakhir.pk).update(status="berlaku")


class Migration(migrations.Migration):
    dependencies = [
        ("analisis_beban", "0002_hasilabk_fillfactor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="periodeabk",
            options={
                "ordering": ["-tahun"],
                "permissions": [
                    ("tetapkan_periodeabk", "Dapat menetapkan periode ABK yang berlaku")
                ],
                "verbose_name": "periode ABK",
                "verbose_name_plural": "periode ABK",
            },
        ),
        migrations.AddField(
            model_name="historicalperiodeabk",
            name="ditetapkan_oleh",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ditetapkan berlaku oleh",
            ),
        ),
        migrations.AddField(
            model_name="historicalperiodeabk",
            name="ditetapkan_pada",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="ditetapkan berlaku pada"
            ),
        ),
        migrations.AddField(
            model_name="historicalperiodeabk",
            name="status",
            field=django_fsm.FSMField(
                choices=[
                    ("penyusunan", "Penyusunan (draf)"),
                    ("berlaku", "Berlaku"),
                    ("arsip", "Arsip"),
                ],
                default="penyusunan",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="periodeabk",
            name="ditetapkan_oleh",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ditetapkan berlaku oleh",
            ),
        ),
        migrations.AddField(
            model_name="periodeabk",
            name="ditetapkan_pada",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="ditetapkan berlaku pada"
            ),
        ),
        migrations.AddField(
            model_name="periodeabk",
            name="status",
            field=django_fsm.FSMField(
                choices=[
                    ("penyusunan", "Penyusunan (draf)"),
                    ("berlaku", "Berlaku"),
                    ("arsip", "Arsip"),
                ],
                default="penyusunan",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(_status_awal, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="periodeabk",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "berlaku")),
                fields=("status",),
                name="periode_abk_satu_berlaku",
                violation_error_message="Sudah ada periode ABK yang berlaku; tetapkan periode lewat halaman periode agar periode lama menjadi arsip.",
            ),
        ),
    ]
