from django.db.models import Count, Q

from .models import Instansi, Jabatan, UnitKerja


def instansi_ringkasan(instansi: Instansi) -> dict:
    """Counts for an agency's page, in three queries whatever its size."""
    unit = UnitKerja.objects.filter(instansi=instansi).count()
    jabatan = Jabatan.objects.filter(unit_kerja__instansi=instansi).aggregate(
        jumlah=Count("pk"),
        pemangku=Count("pemangku", filter=Q(pemangku__aktif=True)),
    )
    return {"unit": unit, "jabatan": jabatan["jumlah"], "pegawai": jabatan["pemangku"]}


def unit_pohon(instansi: Instansi, akar: UnitKerja | None = None) -> list[UnitKerja]:
    """The unit tree of an agency (or of one subtree) in display order, one query.

    Each unit carries `jumlah_jabatan` and `jumlah_pegawai` (active holders).
    """
    qs = UnitKerja.objects.filter(instansi=instansi)
    if akar is not None:
        qs = qs.filter(jalur__startswith=akar.jalur)
    qs = qs.annotate(
        jumlah_jabatan=Count("jabatan", distinct=True),
        jumlah_pegawai=Count(
            "jabatan__pemangku", filter=Q(jabatan__pemangku__aktif=True), distinct=True
        ),
    ).order_by("jalur")
    units = list(qs)
    dasar = akar.kedalaman if akar is not None else 0
    for u in units:
        u.indent = u.kedalaman - dasar
    return units
