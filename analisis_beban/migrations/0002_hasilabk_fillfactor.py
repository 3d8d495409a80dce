"""Leave free space in the pages of HasilABK on PostgreSQL.

A recalculation rewrites every result row of a period; with free space in the page the update
is a HOT update (no index touched) whenever the indexed columns did not change, which halves
the cost of a full recalculation (see bench/bench_abk.py). No model change.
"""

from django.db import migrations


def _fillfactor(nilai):
    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE analisis_beban_hasilabk SET (fillfactor = {int(nilai)})"
            )

    return jalankan


class Migration(migrations.Migration):
    dependencies = [("analisis_beban", "0001_initial")]

    operations = [migrations.RunPython(_fillfactor(70), _fillfactor(100), elidable=False)]
