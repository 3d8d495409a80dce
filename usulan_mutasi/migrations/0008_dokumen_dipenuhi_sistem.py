from django.db import migrations, models

# The default checklist's items the system itself holds (issue #8, item 5): the ABK figures are
# the impact kept at submission, the heads' release and acceptance their approvals in the chain.
DIPENUHI_SISTEM = {
    "abk-jabatan": "abk",
    "persetujuan-melepas": "persetujuan_asal",
    "persetujuan-menerima": "persetujuan_tujuan",
}


def tandai(apps, schema_editor):
    JenisDokumen = apps.get_model("usulan_mutasi", "JenisDokumen")
    for kode, sumber in DIPENUHI_SISTEM.items():
        JenisDokumen.objects.filter(kode=kode, dipenuhi_sistem="").update(dipenuhi_sistem=sumber)


class Migration(migrations.Migration):
    dependencies = [
        ("usulan_mutasi", "0007_dokumen_sk"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaljenisdokumen",
            name="dipenuhi_sistem",
            field=models.CharField(
                blank=True,
                choices=[
                    ("abk", "Angka ABK yang tercatat saat usulan diajukan"),
                    ("persetujuan_asal", "Persetujuan kepala OPD asal di aplikasi"),
                    ("persetujuan_tujuan", "Persetujuan kepala OPD tujuan di aplikasi"),
                ],
                help_text="Bila diisi, dokumen ini tidak diminta untuk diunggah: aplikasi sudah memegangnya (angka ABK yang tercatat saat diajukan, atau persetujuan kepala OPD di aplikasi).",
                max_length=20,
                verbose_name="dipenuhi oleh sistem",
            ),
        ),
        migrations.AddField(
            model_name="jenisdokumen",
            name="dipenuhi_sistem",
            field=models.CharField(
                blank=True,
                choices=[
                    ("abk", "Angka ABK yang tercatat saat usulan diajukan"),
                    ("persetujuan_asal", "Persetujuan kepala OPD asal di aplikasi"),
                    ("persetujuan_tujuan", "Persetujuan kepala OPD tujuan di aplikasi"),
                ],
                help_text="Bila diisi, dokumen ini tidak diminta untuk diunggah: aplikasi sudah memegangnya (angka ABK yang tercatat saat diajukan, atau persetujuan kepala OPD di aplikasi).",
                max_length=20,
                verbose_name="dipenuhi oleh sistem",
            ),
        ),
        migrations.RunPython(tandai, migrations.RunPython.noop),
    ]
