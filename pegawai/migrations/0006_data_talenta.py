from django.db import migrations


def muat(apps, schema_editor):
    from pegawai.data.talenta import muat_data_talenta

    muat_data_talenta(
        apps.get_model("pegawai", "LabelPredikatSKP"), apps.get_model("pegawai", "KotakTalenta")
    )
    # The settings row exists from the start, so no page creates it on its first read.
    apps.get_model("pegawai", "PengaturanKompetensi").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0005_kompetensi")]

    operations = [migrations.RunPython(muat, migrations.RunPython.noop)]
