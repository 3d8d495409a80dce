"""Seed the default document checklist (domain.md, "Documents usually attached").

Editable in admin afterwards; re-running leaves rows an admin changed alone.
"""

from django.db import migrations

# kode, nama, wajib, antar_unit, antar_opd, keluar, masuk, hanya_permintaan_sendiri
DAFTAR = [
    ("surat-permohonan", "Surat permohonan pegawai", True, True, True, True, True, True),
    ("persetujuan-melepas", "Surat persetujuan melepas dari kepala OPD asal", True, True, True, True, False, False),
    ("persetujuan-menerima", "Surat persetujuan menerima dari kepala OPD tujuan", True, False, True, False, True, False),
    ("abk-jabatan", "Analisis beban kerja jabatan asal dan tujuan", True, True, True, False, False, False),
    ("sk-pangkat", "SK pangkat terakhir", True, True, True, True, True, False),
    ("sk-jabatan", "SK jabatan terakhir", True, True, True, True, True, False),
    ("skp-2-tahun", "SKP 2 tahun terakhir", True, True, True, True, True, False),
    ("bebas-hukuman-disiplin", "Surat pernyataan tidak sedang/pernah dijatuhi hukuman disiplin", True, True, True, True, True, False),
    ("bebas-tugas-belajar", "Surat pernyataan tidak sedang tugas belajar", True, True, True, True, True, False),
    ("bebas-temuan", "Surat keterangan bebas temuan dari Inspektorat", True, True, True, True, True, False),
    ("pertek-bkn", "Pertimbangan teknis (Pertek) BKN", True, False, False, True, True, False),
    ("keputusan-gubernur-mendagri", "Keputusan Gubernur/Mendagri", True, False, False, True, True, False),
]


def isi(apps, schema_editor):
    JenisDokumen = apps.get_model("usulan_mutasi", "JenisDokumen")
    for urutan, (kode, nama, wajib, au, ao, kl, ms, sendiri) in enumerate(DAFTAR, start=1):
        JenisDokumen.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "wajib": wajib,
                "untuk_antar_unit": au,
                "untuk_antar_opd": ao,
                "untuk_keluar": kl,
                "untuk_masuk": ms,
                "hanya_permintaan_sendiri": sendiri,
                "urutan": urutan * 10,
            },
        )


def hapus(apps, schema_editor):
    JenisDokumen = apps.get_model("usulan_mutasi", "JenisDokumen")
    JenisDokumen.objects.filter(kode__in=[d[0] for d in DAFTAR], dokumen__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("usulan_mutasi", "0001_initial")]

    operations = [migrations.RunPython(isi, hapus)]
