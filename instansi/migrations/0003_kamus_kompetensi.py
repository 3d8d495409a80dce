from django.db import migrations


def muat(apps, schema_editor):
    from instansi.data.kamus_kompetensi import muat_kamus

    muat_kamus(
        apps.get_model("instansi", "Kompetensi"),
        apps.get_model("instansi", "LevelKompetensi"),
        apps.get_model("instansi", "JenisSertifikasi"),
        apps.get_model("instansi", "ProgramPelatihan"),
    )


class Migration(migrations.Migration):
    dependencies = [("instansi", "0002_kompetensi")]

    operations = [migrations.RunPython(muat, migrations.RunPython.noop)]
