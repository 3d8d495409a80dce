# The order of existing units is filled in a migration of its own: on PostgreSQL the index that
# 0004 creates cannot be built in the same transaction as the rows' updates ("pending trigger
# events" on a database that already holds units).

from django.db import migrations

from instansi.models import susun_urutan_pohon

# Units of the organisation chart keep the order they were created in (Sekretariat, then the
# bidang); service units (puskesmas, sekolah, UPT, kelurahan) follow by name in natural order.
BAGAN = {"sekretariat", "bidang", "bagian", "subbagian", "seksi"}


def isi_urutan(apps, schema_editor):
    UnitKerja = apps.get_model("instansi", "UnitKerja")
    per_instansi, nomor, bernomor = {}, {}, []
    for pk, instansi_id, induk_id, jenis, nama in UnitKerja.objects.order_by("pk").values_list(
        "pk", "instansi_id", "induk_id", "jenis", "nama"
    ):
        urutan = None
        if jenis in BAGAN:
            nomor[induk_id] = urutan = nomor.get(induk_id, 0) + 1
            bernomor.append(UnitKerja(pk=pk, urutan=urutan))
        per_instansi.setdefault(instansi_id, []).append((pk, induk_id, urutan, nama))
    UnitKerja.objects.bulk_update(bernomor, ["urutan"], batch_size=2000)
    units = []
    for daftar in per_instansi.values():
        for pk, posisi in susun_urutan_pohon(daftar).items():
            units.append(UnitKerja(pk=pk, urutan_pohon=posisi))
    UnitKerja.objects.bulk_update(units, ["urutan_pohon"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("instansi", "0004_urutan_unit"),
    ]

    operations = [
        migrations.RunPython(isi_urutan, migrations.RunPython.noop),
    ]
