"""Reads of the workload analysis for the dashboard, the API and the transfer proposals.

Every function runs a constant number of queries (aggregates in the database), whatever the
size of the city, and is scoped with `HasilABK.objects.for_user(user)`.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from instansi.models import Jabatan

from . import calculations as calc
from .choices import PrestasiJabatan, StatusPerhitungan, StatusPeriode
from .models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas

NOL = Decimal(0)


def periode_berlaku() -> PeriodeABK | None:
    """The ABK period in force, chosen by BKPSDM (None until one is): the one every page,
    eligibility check, impact preview and API answer reads unless another year is asked for.
    A period still in *penyusunan* is never read by default, however recent."""
    return PeriodeABK.objects.filter(status=StatusPeriode.BERLAKU).first()


# The old name, for code written in parallel before periods had a state: the same function,
# so there is still one notion of "the current period". Call periode_berlaku.
periode_terkini = periode_berlaku


def label_periode(tahun: int, status: str) -> str:
    """'2026' for the period in force, '2027 (draf)' / '2025 (arsip)' for the others."""
    if status == StatusPeriode.BERLAKU:
        return str(tahun)
    return f"{tahun} ({'draf' if status == StatusPeriode.PENYUSUNAN else 'arsip'})"


def pilihan_periode() -> list[tuple[int, str]]:
    """(tahun, label) of every period, newest first: the period pickers. One query."""
    return [
        (t, label_periode(t, s))
        for t, s in PeriodeABK.objects.order_by("-tahun").values_list("tahun", "status")
    ]


def _agregat_dasar():
    return {
        "jumlah_jabatan": Count("pk"),
        "total_beban_menit": Sum("total_beban_menit"),
        "kebutuhan": Sum("kebutuhan"),
        "kebutuhan_bulat": Sum("kebutuhan_bulat"),
        "bezetting": Sum("bezetting"),
        "lebih": Sum(
            Case(When(selisih__gt=0, then="selisih"), default=Value(0)),
            output_field=IntegerField(),
        ),
        "kurang_negatif": Sum(
            Case(When(selisih__lt=0, then="selisih"), default=Value(0)),
            output_field=IntegerField(),
        ),
        "jabatan_lebih": Count("pk", filter=Q(selisih__gt=0)),
        "jabatan_kurang": Count("pk", filter=Q(selisih__lt=0)),
        "jabatan_sesuai": Count("pk", filter=Q(selisih=0)),
        "jabatan_basi": Count("pk", filter=Q(basi=True)),
    }


def _lengkapi(baris: dict, wke_menit: int, ambang: calc.AmbangPJ) -> dict:
    """Add EU/PU, the share of need covered and the balanced reading to an aggregate row."""
    beban = baris.get("total_beban_menit") or NOL
    bez = baris.get("bezetting") or 0
    # SQLite sums decimals as floats; keep the stored precision on every database.
    keb = calc.simpan_presisi(baris.get("kebutuhan") or NOL)
    beban = calc._dec(beban).quantize(Decimal("0.01"))
    eu = calc.efisiensi_unit(beban, bez, wke_menit)
    baris.update(
        total_beban_menit=beban,
        bezetting=bez,
        kebutuhan=keb,
        kebutuhan_bulat=baris.get("kebutuhan_bulat") or 0,
        lebih=baris.get("lebih") or 0,
        kurang=-(baris.pop("kurang_negatif", 0) or 0),
        selisih=bez - (baris.get("kebutuhan_bulat") or 0),
        eu=calc.simpan_presisi(eu),
        pu=calc.prestasi(eu, ambang),
        rasio=calc.simpan_presisi(calc.rasio_pemenuhan(bez, keb)),
        keadaan=calc.keadaan_unit(bez, keb),
    )
    return baris


def _ambang(periode) -> calc.AmbangPJ:
    return calc.AmbangPJ(
        a=periode.ambang_a, b=periode.ambang_b, c=periode.ambang_c, d=periode.ambang_d
    )


def _hasil(periode, user):
    return HasilABK.objects.for_user(user).filter(periode=periode)


def ringkasan_kota(periode: PeriodeABK, user) -> dict:
    """City totals (within the user's scope): need, staff, surplus, shortage, EU/PU. One query.

    Keys: jumlah_jabatan, total_beban_menit, kebutuhan (exact), kebutuhan_bulat, bezetting,
    selisih, lebih (Σ surplus persons), kurang (Σ shortage persons), jabatan_lebih,
    jabatan_kurang, jabatan_sesuai, jabatan_basi, eu, pu, rasio (bezetting ÷ kebutuhan), keadaan.
    """
    baris = _hasil(periode, user).aggregate(**_agregat_dasar())
    return _lengkapi(baris, periode.wke_menit, _ambang(periode))


def ringkasan_per_instansi(periode: PeriodeABK, user) -> list[dict]:
    """One row per instansi (chart and /api/v1/abk/ringkasan/), ordered by name. One query.

    Keys: instansi_id, instansi_nama, instansi_singkatan and those of `ringkasan_kota`.
    """
    ambang = _ambang(periode)
    rows = (
        _hasil(periode, user)
        .values("instansi_id", "instansi__nama", "instansi__singkatan")
        .annotate(**_agregat_dasar())
        .order_by("instansi__nama")
    )
    hasil = []
    for r in rows:
        r["instansi_nama"] = r.pop("instansi__nama")
        r["instansi_singkatan"] = r.pop("instansi__singkatan")
        hasil.append(_lengkapi(r, periode.wke_menit, ambang))
    return hasil


def ringkasan_per_unit(periode: PeriodeABK, user, *, instansi_id: int | None = None) -> list[dict]:
    """One row per unit kerja (peta jabatan summary), optionally of one instansi. One query."""
    ambang = _ambang(periode)
    qs = _hasil(periode, user)
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    rows = (
        qs.values("unit_kerja_id", "unit_kerja__nama", "instansi_id")
        .annotate(**_agregat_dasar())
        .order_by("instansi__nama", "unit_kerja__urutan_pohon")
    )
    hasil = []
    for r in rows:
        r["unit_kerja_nama"] = r.pop("unit_kerja__nama")
        hasil.append(_lengkapi(r, periode.wke_menit, ambang))
    return hasil


def distribusi_pj(periode: PeriodeABK, user) -> dict[str, int]:
    """Number of jabatan per PJ grade, A to E, plus "" for vacant ones (no EJ). One query."""
    hitung = dict(
        _hasil(periode, user).values("pj").annotate(n=Count("pk")).values_list("pj", "n").order_by()
    )
    hasil = {k: hitung.get(k, 0) for k in PrestasiJabatan.values}
    hasil[""] = hitung.get("", 0)
    return hasil


def _daftar(periode, user):
    return _hasil(periode, user).select_related("jabatan", "unit_kerja", "instansi")


def jabatan_terlebih(periode: PeriodeABK, user, n: int = 20):
    """The n jabatan with the largest surplus (selisih > 0), largest first. One query."""
    return _daftar(periode, user).filter(selisih__gt=0).order_by("-selisih", "ej", "pk")[:n]


def jabatan_terkurang(periode: PeriodeABK, user, n: int = 20):
    """The n jabatan with the largest shortage (selisih < 0), largest first. One query."""
    return _daftar(periode, user).filter(selisih__lt=0).order_by("selisih", "-kebutuhan", "pk")[:n]


def status_hasil(periode: PeriodeABK, user) -> dict:
    """When the results were computed, whether any is stale, and the last run. Two queries.

    Keys: dihitung_pada, jumlah_basi, ada_basi, perhitungan_terakhir (PerhitunganABK | None),
    sedang_berjalan (a run queued or running).
    """
    jumlah_basi = _hasil(periode, user).filter(basi=True).count()
    terakhir = PerhitunganABK.objects.filter(periode=periode).select_related("dibuat_oleh").first()
    sedang = terakhir is not None and terakhir.status in (
        StatusPerhitungan.ANTRE,
        StatusPerhitungan.BERJALAN,
    )
    return {
        "dihitung_pada": periode.dihitung_pada,
        "jumlah_basi": jumlah_basi,
        "ada_basi": jumlah_basi > 0,
        "perhitungan_terakhir": terakhir,
        "sedang_berjalan": sedang,
    }


def _bacaan(total_beban, bezetting: int, wke, ambang) -> dict:
    h = calc.hitung_jabatan(
        total_beban_menit=total_beban, bezetting=bezetting, wke_menit=wke, ambang=ambang
    )
    return {
        "bezetting": h.bezetting,
        "kebutuhan": calc.simpan_presisi(h.kebutuhan),
        "kebutuhan_bulat": h.kebutuhan_bulat,
        "selisih": h.selisih,
        "keadaan": h.keadaan,
        "ej": calc.simpan_presisi(h.ej),
        "pj": h.pj,
    }


def dampak_mutasi(
    *,
    jabatan_asal: Jabatan | None,
    jabatan_tujuan: Jabatan | None,
    periode: PeriodeABK | None = None,
    perubahan_lain: dict[int, int] | None = None,
) -> dict:
    """What moving one holder from `jabatan_asal` to `jabatan_tujuan` does to both positions.

    Read from the stored results of `periode` (default: the period in force) and
    recomputed with calculations.py: {"periode", "asal": {"jabatan", "sebelum", "dengan_lain",
    "sesudah", "lain", "basi", "ada_hasil"}, "tujuan": {...}}. `asal` is None for someone without
    a jabatan, `tujuan` None for a move out of the city.

    `perubahan_lain` is the net change of holders per jabatan id that other moves already under
    way will bring (the caller knows them; this app does not): "dengan_lain" reads the position
    once those have happened, "sesudah" once this move has too, and "lain" is that net change.
    A jabatan without a stored result counts its workload as 0 and its holders live.
    """
    periode = periode or periode_berlaku()
    if periode is None:
        return {"periode": None, "asal": None, "tujuan": None}
    perubahan_lain = perubahan_lain or {}
    ambang = _ambang(periode)
    ids = [j.pk for j in (jabatan_asal, jabatan_tujuan) if j is not None]
    tersimpan = {
        h.jabatan_id: h
        for h in HasilABK.objects.filter(periode=periode, jabatan_id__in=ids).only(
            "jabatan_id", "total_beban_menit", "bezetting", "basi"
        )
    }
    hilang = [i for i in ids if i not in tersimpan]
    hidup = {}
    if hilang:
        hidup = dict(
            Jabatan.objects.filter(pk__in=hilang)
            .annotate(n=Count("pemangku", filter=Q(pemangku__aktif=True)))
            .values_list("pk", "n")
        )
    sama = (
        jabatan_asal is not None
        and jabatan_tujuan is not None
        and jabatan_asal.pk == jabatan_tujuan.pk
    )

    def _sisi(jabatan, perubahan):
        h = tersimpan.get(jabatan.pk)
        beban = h.total_beban_menit if h else NOL
        bez = h.bezetting if h else hidup.get(jabatan.pk, 0)
        lain = perubahan_lain.get(jabatan.pk, 0)
        dengan_lain = max(0, bez + lain)
        return {
            "jabatan": jabatan,
            "sebelum": _bacaan(beban, bez, periode.wke_menit, ambang),
            "dengan_lain": _bacaan(beban, dengan_lain, periode.wke_menit, ambang),
            "sesudah": _bacaan(
                beban,
                max(0, dengan_lain + (0 if sama else perubahan)),
                periode.wke_menit,
                ambang,
            ),
            "lain": lain,
            "basi": bool(h and h.basi),
            "ada_hasil": h is not None,
        }

    return {
        "periode": periode,
        "asal": _sisi(jabatan_asal, -1) if jabatan_asal is not None else None,
        "tujuan": _sisi(jabatan_tujuan, +1) if jabatan_tujuan is not None else None,
    }


def banding_periode(*, periode: PeriodeABK, pembanding: PeriodeABK, user) -> dict:
    """Two periods side by side (a draft beside the one in force): city totals and one row per
    instansi present in either, each with both readings and the change. Four queries.

    Keys: kota {"a", "b", "beda"}, per_instansi [{instansi_id, instansi_nama, a, b, beda}];
    `a` is `periode`, `b` the `pembanding`; a missing side is None; `beda` holds a − b of the
    counts (kebutuhan_bulat, bezetting, selisih, lebih, kurang, jabatan_kurang, jabatan_lebih).
    """
    kunci_beda = (
        "kebutuhan_bulat",
        "bezetting",
        "selisih",
        "lebih",
        "kurang",
        "jabatan_kurang",
        "jabatan_lebih",
        "jumlah_jabatan",
    )

    def beda(a, b):
        if a is None or b is None:
            return None
        return {k: (a.get(k) or 0) - (b.get(k) or 0) for k in kunci_beda}

    kota_a = ringkasan_kota(periode, user)
    kota_b = ringkasan_kota(pembanding, user)
    baris_a = {r["instansi_id"]: r for r in ringkasan_per_instansi(periode, user)}
    baris_b = {r["instansi_id"]: r for r in ringkasan_per_instansi(pembanding, user)}
    per_instansi = []
    for iid in sorted(
        set(baris_a) | set(baris_b),
        key=lambda i: (baris_a.get(i) or baris_b.get(i))["instansi_nama"],
    ):
        a, b = baris_a.get(iid), baris_b.get(iid)
        per_instansi.append(
            {
                "instansi_id": iid,
                "instansi_nama": (a or b)["instansi_nama"],
                "a": a,
                "b": b,
                "beda": beda(a, b),
            }
        )
    return {
        "kota": {"a": kota_a, "b": kota_b, "beda": beda(kota_a, kota_b)},
        "per_instansi": per_instansi,
    }


def kesiapan_periode(periode: PeriodeABK) -> dict:
    """City-wide coverage of a period's inputs, for the page that makes it the one in force.

    Keys: jumlah_tugas, jabatan_bertugas (active jabatan with at least one task), jabatan_aktif,
    jabatan_tanpa_tugas, jumlah_hasil, jumlah_basi, dihitung_pada. Three queries.
    """
    tugas = UraianTugas.objects.filter(periode=periode, jabatan__aktif=True).aggregate(
        n=Count("pk"), jabatan=Count("jabatan_id", distinct=True)
    )
    hasil = HasilABK.objects.filter(periode=periode).aggregate(
        n=Count("pk"), basi=Count("pk", filter=Q(basi=True))
    )
    aktif = Jabatan.objects.filter(aktif=True).count()
    return {
        "jumlah_tugas": tugas["n"],
        "jabatan_bertugas": tugas["jabatan"],
        "jabatan_aktif": aktif,
        "jabatan_tanpa_tugas": max(0, aktif - tugas["jabatan"]),
        "jumlah_hasil": hasil["n"],
        "jumlah_basi": hasil["basi"],
        "dihitung_pada": periode.dihitung_pada,
    }
