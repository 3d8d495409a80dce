"""The unit tree keeps its materialised path right when a unit moves."""

from instansi.choices import JenisUnit
from instansi.services import unitkerja_simpan


def _unit(instansi, induk, nama, actor=None):
    return unitkerja_simpan(
        instance=None,
        data={
            "instansi": instansi,
            "induk": induk,
            "kode": nama.upper(),
            "nama": nama,
            "jenis": JenisUnit.BIDANG,
        },
        actor=actor,
    )


def test_memindah_unit_memperbarui_jalur_dan_kedalaman_seluruh_subpohon(instansi_a):
    a = _unit(instansi_a, None, "a")
    b = _unit(instansi_a, None, "b")
    c = _unit(instansi_a, a, "c")
    d = _unit(instansi_a, c, "d")
    assert (d.jalur, d.kedalaman) == (f"/{a.pk}/{c.pk}/{d.pk}/", 2)

    unitkerja_simpan(instance=c, data={"induk": b}, actor=None)

    c.refresh_from_db()
    d.refresh_from_db()
    assert (c.jalur, c.kedalaman) == (f"/{b.pk}/{c.pk}/", 1)
    assert (d.jalur, d.kedalaman) == (f"/{b.pk}/{c.pk}/{d.pk}/", 2)
    # The sub-unit's path is bookkeeping: moving its parent writes no history row for it.
    assert d.history.count() == 1

    unitkerja_simpan(instance=c, data={"induk": None}, actor=None)
    d.refresh_from_db()
    assert (d.jalur, d.kedalaman) == (f"/{c.pk}/{d.pk}/", 1)
