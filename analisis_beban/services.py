"""Writes of the workload analysis: periods, tasks, and the recalculation of stored results.

Every input change marks the affected results `basi` in its own transaction and queues a
recalculation of the affected units after commit. A broker outage never loses the edit: the
run row stays `antre` and the periodic job `abk_hitung_yang_basi` picks it up.

The recalculation is set-based: one aggregate query for Σ volume × norma per jabatan, one for
bezetting, then one upsert. On PostgreSQL the whole computation is one
INSERT … SELECT … ON CONFLICT statement; elsewhere (SQLite in development) the same numbers are
computed in Python with `calculations.py` over the aggregated rows. Both paths agree (tested).
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Concat
from django.utils import timezone

from instansi.models import Jabatan, UnitKerja
from mutasi_asn.services import isi_atribut
from pegawai.models import Pegawai

from . import calculations as calc
from .choices import StatusPerhitungan, StatusPeriode
from .models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas
from .signals import hasil_abk_basi

log = logging.getLogger(__name__)

PERIODE_PENGATURAN_FIELDS = ["wke_menit", "ambang_a", "ambang_b", "ambang_c", "ambang_d"]
PERIODE_FIELDS = ["tahun", *PERIODE_PENGATURAN_FIELDS, "keterangan"]
URAIAN_FIELDS = ["urutan", "uraian", "hasil_kerja", "satuan", "volume", "norma_waktu_menit"]
HASIL_UPDATE_FIELDS = [
    "unit_kerja",
    "instansi",
    "total_beban_menit",
    "kebutuhan",
    "kebutuhan_bulat",
    "bezetting",
    "selisih",
    "keadaan",
    "ej",
    "pj",
    "basi",
    "dihitung_pada",
]
UKURAN_BATCH = 2000
SEN = Decimal("0.01")


# --- which periods are "live" ------------------------------------------------------------


def periode_terbuka() -> list[PeriodeABK]:
    """Periods whose results follow today's register: the one in force and the drafts.

    Bezetting is the staff holding a jabatan *now*, so only these periods are marked stale when
    holders or jabatan change; an archived period keeps the results it was closed with.
    """
    return list(PeriodeABK.objects.exclude(status=StatusPeriode.ARSIP).order_by("tahun"))


# --- the recalculation -------------------------------------------------------------------


def abk_hitung(
    *,
    periode: PeriodeABK,
    unit_kerja_ids: Iterable[int] | None = None,
    actor=None,
    alasan: str = "",
) -> PerhitunganABK:
    """Recalculate the stored results of `periode` now (synchronously) and return the run.

    With `unit_kerja_ids` only those units' jabatan are recomputed; otherwise the whole city.
    """
    run = PerhitunganABK.objects.create(
        periode=periode,
        unit_kerja_ids=sorted(set(unit_kerja_ids)) if unit_kerja_ids is not None else None,
        alasan=alasan[:200],
        dibuat_oleh=actor if getattr(actor, "pk", None) else None,
    )
    return perhitungan_jalankan(perhitungan_id=run.pk)


def perhitungan_jalankan(*, perhitungan_id: int) -> PerhitunganABK | None:
    """Run a queued recalculation. Idempotent: a run already `selesai` is returned untouched.

    The run is marked `berjalan` in its own short transaction so the page can show it; the
    computation itself is one transaction that holds the period's row lock, so two runs of
    one period never interleave, and a worker killed midway leaves the old results intact.
    """
    with transaction.atomic():
        run = PerhitunganABK.objects.select_for_update().filter(pk=perhitungan_id).first()
        if run is None or run.status == StatusPerhitungan.SELESAI:
            return run
        run.status = StatusPerhitungan.BERJALAN
        run.mulai_pada = timezone.now()
        run.pesan_galat = ""
        run.save(update_fields=["status", "mulai_pada", "pesan_galat"])
    try:
        with transaction.atomic():
            periode = PeriodeABK.objects.select_for_update(no_key=True).get(pk=run.periode_id)
            jumlah, run.pesan_galat = _hitung(periode, run.unit_kerja_ids)
            sekarang = timezone.now()
            PeriodeABK.objects.filter(pk=periode.pk).update(dihitung_pada=sekarang)
            run.status = StatusPerhitungan.SELESAI
            run.jumlah_jabatan = jumlah
            run.diproses = jumlah
            run.selesai_pada = sekarang
            run.save(
                update_fields=[
                    "status",
                    "jumlah_jabatan",
                    "diproses",
                    "selesai_pada",
                    "pesan_galat",
                ]
            )
    except Exception as exc:
        PerhitunganABK.objects.filter(pk=run.pk).update(
            status=StatusPerhitungan.GAGAL,
            pesan_galat=f"{type(exc).__name__}: {exc}"[:2000],
            selesai_pada=timezone.now(),
        )
        raise
    return run


# --- the same recalculation, partitioned by instansi (a Celery group) --------------------
#
# A full-city run of a large city is sent as one task per instansi (`perhitungan_bagian`) and a
# closing task (`perhitungan_selesaikan`) as a Celery chord, so several worker processes (or
# hosts) share it. Each part computes its instansi's units in its own transaction under a
# shared (FOR SHARE) lock of the period row: parts run side by side, while a settings change
# or an unpartitioned run of the period (FOR NO KEY UPDATE) waits for them. A part killed
# midway leaves its instansi's old results; the run stays `berjalan` and the safety net
# `abk_hitung_yang_basi` runs it again whole.


def instansi_untuk_partisi(*, perhitungan_id: int) -> list[int]:
    """The instansi a full run is split into, or [] when it is not worth splitting (a run of
    some units, or a city under settings.ABK_PARTISI_MIN_JABATAN active jabatan)."""
    run = PerhitunganABK.objects.filter(pk=perhitungan_id).first()
    if run is None or run.unit_kerja_ids is not None:
        return []
    if Jabatan.objects.filter(aktif=True).count() < settings.ABK_PARTISI_MIN_JABATAN:
        return []
    return sorted(
        set(Jabatan.objects.filter(aktif=True).values_list("unit_kerja__instansi_id", flat=True))
    )


def perhitungan_bagian(*, perhitungan_id: int, instansi_id: int) -> int:
    """Compute one instansi's share of a full run; return its number of jabatan."""
    with transaction.atomic():
        run = PerhitunganABK.objects.select_for_update().filter(pk=perhitungan_id).first()
        if run is None or run.status == StatusPerhitungan.SELESAI:
            return 0
        if run.status == StatusPerhitungan.ANTRE:
            run.status = StatusPerhitungan.BERJALAN
            run.mulai_pada = timezone.now()
            run.jumlah_jabatan = Jabatan.objects.filter(aktif=True).count()
            run.save(update_fields=["status", "mulai_pada", "jumlah_jabatan"])
    with transaction.atomic():
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(
                    "SELECT 1 FROM analisis_beban_periodeabk WHERE id = %s FOR SHARE",
                    [run.periode_id],
                )
        periode = PeriodeABK.objects.get(pk=run.periode_id)
        units = list(UnitKerja.objects.filter(instansi_id=instansi_id).values_list("pk", flat=True))
        jumlah, catatan = _hitung(periode, units)
        PerhitunganABK.objects.filter(pk=run.pk).update(diproses=F("diproses") + jumlah)
        if catatan:
            PerhitunganABK.objects.filter(pk=run.pk).update(
                pesan_galat=Concat("pesan_galat", Value(f"{catatan} "))
            )
    return jumlah


def perhitungan_selesaikan(*, perhitungan_id: int) -> PerhitunganABK | None:
    """Close a partitioned run once every part is done: prune inactive jabatan (any unit),
    stamp the period's time and mark the run `selesai`."""
    with transaction.atomic():
        run = PerhitunganABK.objects.select_for_update().filter(pk=perhitungan_id).first()
        if run is None or run.status == StatusPerhitungan.SELESAI:
            return run
        periode = PeriodeABK.objects.select_for_update(no_key=True).get(pk=run.periode_id)
        _hapus_yang_tidak_berlaku(periode, None)
        sekarang = timezone.now()
        PeriodeABK.objects.filter(pk=periode.pk).update(dihitung_pada=sekarang)
        run.refresh_from_db(fields=["diproses", "jumlah_jabatan", "mulai_pada"])
        run.status = StatusPerhitungan.SELESAI
        run.jumlah_jabatan = run.diproses
        run.selesai_pada = sekarang
        run.save(update_fields=["status", "jumlah_jabatan", "selesai_pada"])
    return run


def _hitung(periode: PeriodeABK, unit_kerja_ids: list[int] | None) -> tuple[int, str]:
    """Recompute, upsert and prune the results of the scope; return the number of jabatan and
    a note naming the jabatan skipped because their tasks add up to more than a result holds
    (tasks from before the bound, or a WKE lowered since): the others are computed."""
    berlebih = _jabatan_beban_berlebih(periode, unit_kerja_ids=unit_kerja_ids)
    if connection.vendor == "postgresql":
        jumlah = _hitung_sql(periode, unit_kerja_ids)
    else:
        jumlah = _hitung_python(periode, unit_kerja_ids)
    _hapus_yang_tidak_berlaku(periode, unit_kerja_ids)
    catatan = ""
    if berlebih:
        catatan = (
            f"{len(berlebih)} jabatan dilewati karena total beban kerjanya melebihi batas "
            f"(periksa volume dan norma waktu tugasnya): {', '.join(berlebih[:20])}."
        )
    return jumlah - len(berlebih), catatan


def _jabatan_dalam_lingkup(unit_kerja_ids):
    qs = Jabatan.objects.filter(aktif=True)
    if unit_kerja_ids is not None:
        qs = qs.filter(unit_kerja_id__in=unit_kerja_ids)
    return qs


def _hapus_yang_tidak_berlaku(periode, unit_kerja_ids):
    """Drop results of jabatan that no longer exist or are inactive (or left the scope's units)."""
    hasil = HasilABK.objects.filter(periode=periode)
    if unit_kerja_ids is None:
        # Driven from the (few) inactive jabatan through the (periode, jabatan) index, not a
        # join over every result row of the period.
        hasil.filter(jabatan_id__in=Jabatan.objects.filter(aktif=False).values("pk")).delete()
        return
    ids = list(unit_kerja_ids)
    # Two deletes that each start from an index on the scope's own rows (periode + unit kerja,
    # periode + jabatan), so a one-unit run never reads the rest of the period (an OR across
    # the join to jabatan scanned every result row: 12–16 ms at 100k pegawai, 37–47 at 300k).
    # 1. rows filed under these units whose jabatan is gone, inactive or moved elsewhere;
    tetap = Jabatan.objects.filter(unit_kerja_id__in=ids, aktif=True).values("pk")
    hasil.filter(unit_kerja_id__in=ids).exclude(jabatan_id__in=tetap).delete()
    # 2. rows of jabatan now in these units but inactive (filed under another unit).
    nonaktif = Jabatan.objects.filter(unit_kerja_id__in=ids, aktif=False).values("pk")
    hasil.filter(jabatan_id__in=nonaktif).delete()


def baris_agregat(periode: PeriodeABK, unit_kerja_ids=None) -> list[tuple]:
    """(jabatan_id, unit_kerja_id, instansi_id, Σ beban, bezetting) for every jabatan in scope.

    Three queries whatever the size: the jabatan, Σ volume × norma per jabatan, and the count
    of active holders per jabatan.
    """
    jabatan = list(
        _jabatan_dalam_lingkup(unit_kerja_ids).values_list(
            "pk", "unit_kerja_id", "unit_kerja__instansi_id"
        )
    )
    tugas = UraianTugas.objects.filter(periode=periode, jabatan__aktif=True)
    pemangku = Pegawai.objects.filter(aktif=True, jabatan__aktif=True)
    if unit_kerja_ids is not None:
        tugas = tugas.filter(jabatan__unit_kerja_id__in=unit_kerja_ids)
        pemangku = pemangku.filter(jabatan__unit_kerja_id__in=unit_kerja_ids)
    beban = dict(
        tugas.values("jabatan_id")
        .annotate(
            total=Sum(
                ExpressionWrapper(
                    F("volume") * F("norma_waktu_menit"),
                    output_field=DecimalField(max_digits=24, decimal_places=4),
                )
            )
        )
        .values_list("jabatan_id", "total")
        .order_by()
    )
    bezetting = dict(
        pemangku.values("jabatan_id")
        .annotate(n=Count("pk"))
        .values_list("jabatan_id", "n")
        .order_by()
    )
    return [
        (jid, uid, iid, calc._dec(beban.get(jid) or 0), bezetting.get(jid, 0))
        for jid, uid, iid in jabatan
    ]


def _ambang(periode) -> calc.AmbangPJ:
    return calc.AmbangPJ(
        a=periode.ambang_a, b=periode.ambang_b, c=periode.ambang_c, d=periode.ambang_d
    )


def _hitung_python(periode, unit_kerja_ids) -> int:
    ambang = _ambang(periode)
    sekarang = timezone.now()
    objek = []
    maks = calc.beban_maks_menit(periode.wke_menit)
    for jid, uid, iid, beban, bez in baris_agregat(periode, unit_kerja_ids):
        if beban > maks:  # named on the run by _hitung; its old result stays, stale
            continue
        # The stored total has 2 decimals; the need is computed from the stored total, as in SQL.
        beban = beban.quantize(SEN, rounding=ROUND_HALF_UP)
        h = calc.hitung_jabatan(
            total_beban_menit=beban, bezetting=bez, wke_menit=periode.wke_menit, ambang=ambang
        )
        objek.append(
            HasilABK(
                periode=periode,
                jabatan_id=jid,
                unit_kerja_id=uid,
                instansi_id=iid,
                total_beban_menit=h.total_beban_menit,
                kebutuhan=calc.simpan_presisi(h.kebutuhan),
                kebutuhan_bulat=h.kebutuhan_bulat,
                bezetting=h.bezetting,
                selisih=h.selisih,
                keadaan=h.keadaan,
                ej=calc.simpan_presisi(h.ej),
                pj=h.pj or "",
                basi=False,
                dihitung_pada=sekarang,
            )
        )
    HasilABK.objects.bulk_create(
        objek,
        batch_size=UKURAN_BATCH,
        update_conflicts=True,
        unique_fields=["periode", "jabatan"],
        update_fields=HASIL_UPDATE_FIELDS,
    )
    return len(objek)


# The PostgreSQL path: the same formulas as calculations.py, in one statement. ROUND(x, 4) and
# ROUND(x) round half away from zero, which for these non-negative numbers is ROUND_HALF_UP.
# PJ compares EJ with the bands multiplied out (beban vs band × bezetting × WKE) so the grade
# never depends on the precision of a division. Existing rows are updated through one hash join
# (faster than 20,000 ON CONFLICT probes) and only when a figure changed or the row is stale (an
# unchanged row keeps the time its figures were computed); new jabatan are inserted. The
# period's row lock serialises runs; ON CONFLICT DO NOTHING is only a guard.
SQL_HITUNG = """
WITH beban AS (
    SELECT t.jabatan_id, SUM(t.volume * t.norma_waktu_menit) AS total
    FROM analisis_beban_uraiantugas t
    WHERE t.periode_id = %(periode)s {filter_unit_t}
    GROUP BY t.jabatan_id
), bez AS (
    SELECT p.jabatan_id, COUNT(*) AS n
    FROM pegawai_pegawai p
    WHERE p.aktif {filter_unit_p}
    GROUP BY p.jabatan_id
), dasar AS (
    SELECT j.id AS jabatan_id, j.unit_kerja_id, u.instansi_id,
           ROUND(COALESCE(beban.total, 0), 2) AS total,
           COALESCE(bez.n, 0) AS n
    FROM instansi_jabatan j
    JOIN instansi_unitkerja u ON u.id = j.unit_kerja_id
    LEFT JOIN beban ON beban.jabatan_id = j.id
    LEFT JOIN bez ON bez.jabatan_id = j.id
    WHERE j.aktif {filter_unit_j} AND COALESCE(beban.total, 0) <= %(beban_maks)s
), bulat AS (
    SELECT dasar.*, ROUND(total / %(wke)s) AS kebutuhan_bulat FROM dasar
), baru AS (
    SELECT jabatan_id, unit_kerja_id, instansi_id, total AS total_beban_menit,
           ROUND(total / %(wke)s, 4) AS kebutuhan,
           kebutuhan_bulat,
           n AS bezetting,
           n - kebutuhan_bulat AS selisih,
           CASE WHEN n - kebutuhan_bulat < 0 THEN 'kurang'
                WHEN n - kebutuhan_bulat > 0 THEN 'lebih'
                ELSE 'sesuai' END AS keadaan,
           CASE WHEN n > 0 THEN ROUND(total / (n * %(wke)s), 4) END AS ej,
           CASE WHEN n = 0 THEN ''
                WHEN total > %(a)s * n * %(wke)s THEN 'A'
                WHEN total >= %(b)s * n * %(wke)s THEN 'B'
                WHEN total >= %(c)s * n * %(wke)s THEN 'C'
                WHEN total >= %(d)s * n * %(wke)s THEN 'D'
                ELSE 'E' END AS pj
    FROM bulat
), diubah AS (
    UPDATE analisis_beban_hasilabk h SET
        unit_kerja_id = b.unit_kerja_id,
        instansi_id = b.instansi_id,
        total_beban_menit = b.total_beban_menit,
        kebutuhan = b.kebutuhan,
        kebutuhan_bulat = b.kebutuhan_bulat,
        bezetting = b.bezetting,
        selisih = b.selisih,
        keadaan = b.keadaan,
        ej = b.ej,
        pj = b.pj,
        basi = FALSE,
        dihitung_pada = %(sekarang)s
    FROM baru b
    WHERE h.periode_id = %(periode)s AND h.jabatan_id = b.jabatan_id
      AND (h.basi
           OR (h.unit_kerja_id, h.instansi_id, h.total_beban_menit, h.kebutuhan,
               h.kebutuhan_bulat, h.bezetting, h.selisih, h.keadaan, h.ej, h.pj)
              IS DISTINCT FROM
              (b.unit_kerja_id, b.instansi_id, b.total_beban_menit, b.kebutuhan,
               b.kebutuhan_bulat, b.bezetting, b.selisih, b.keadaan, b.ej, b.pj))
    RETURNING 1
)
INSERT INTO analisis_beban_hasilabk (
    periode_id, jabatan_id, unit_kerja_id, instansi_id, total_beban_menit, kebutuhan,
    kebutuhan_bulat, bezetting, selisih, keadaan, ej, pj, basi, dihitung_pada
)
SELECT %(periode)s, jabatan_id, unit_kerja_id, instansi_id, total_beban_menit, kebutuhan,
       kebutuhan_bulat, bezetting, selisih, keadaan, ej, pj, FALSE, %(sekarang)s
FROM baru b
WHERE NOT EXISTS (
    SELECT 1 FROM analisis_beban_hasilabk h
    WHERE h.periode_id = %(periode)s AND h.jabatan_id = b.jabatan_id
)
ON CONFLICT (periode_id, jabatan_id) DO NOTHING
"""
SQL_JUMLAH = "SELECT COUNT(*) FROM instansi_jabatan j WHERE j.aktif {filter_unit_j}"


def _hitung_sql(periode, unit_kerja_ids) -> int:
    params = {
        "periode": periode.pk,
        "wke": Decimal(periode.wke_menit),
        "a": periode.ambang_a,
        "b": periode.ambang_b,
        "c": periode.ambang_c,
        "d": periode.ambang_d,
        "sekarang": timezone.now(),
        "beban_maks": calc.beban_maks_menit(periode.wke_menit),
    }
    filter_unit = {"filter_unit_j": "", "filter_unit_t": "", "filter_unit_p": ""}
    if unit_kerja_ids is not None:
        dalam_unit = "IN (SELECT id FROM instansi_jabatan WHERE unit_kerja_id = ANY(%(units)s))"
        filter_unit = {
            "filter_unit_j": "AND j.unit_kerja_id = ANY(%(units)s)",
            "filter_unit_t": f"AND t.jabatan_id {dalam_unit}",
            "filter_unit_p": f"AND p.jabatan_id {dalam_unit}",
        }
        params["units"] = list(unit_kerja_ids)
    with connection.cursor() as cur:
        # The planner's row estimates for the CTE joins are far too high, which switches JIT
        # compilation on: it costs more (~0.4 s) than the whole query. Off for this statement.
        cur.execute("SET LOCAL jit = off")
        cur.execute(SQL_HITUNG.format(**filter_unit), params)
        # Unchanged rows are skipped by the WHERE of the upsert; count the scope instead.
        cur.execute(SQL_JUMLAH.format(**filter_unit), params)
        return cur.fetchone()[0]


# --- stale marking and queuing -----------------------------------------------------------


def tandai_basi(*, periode_ids: Iterable[int], jabatan_ids=None, unit_kerja_ids=None) -> int:
    """Mark results stale (inside the caller's transaction). None for both = whole periods."""
    periode_ids = list(periode_ids)
    qs = HasilABK.objects.filter(periode_id__in=periode_ids)
    if jabatan_ids is not None or unit_kerja_ids is not None:
        kondisi = Q()
        if jabatan_ids is not None:
            kondisi |= Q(jabatan_id__in=list(jabatan_ids))
        if unit_kerja_ids is not None:
            kondisi |= Q(unit_kerja_id__in=list(unit_kerja_ids))
        qs = qs.filter(kondisi)
    jumlah = qs.filter(basi=False).update(basi=True)
    hasil_abk_basi.send(sender=HasilABK, periode_ids=periode_ids)
    return jumlah


def perhitungan_antrekan(
    *, periode: PeriodeABK, unit_kerja_ids=None, alasan: str = "", actor=None
) -> PerhitunganABK:
    """Record a queued run now; send it to the worker after the caller's transaction commits.

    A run of the same period that is still waiting (`antre`) takes the new units instead of a
    second run, so a decree moving fifty people, or a day of edits while the broker is down,
    queues one recalculation, not fifty. The waiting run's row is locked, so a worker cannot
    start it halfway through the merge; sending it again is harmless (a finished run is a no-op).

    If the broker is down the send fails quietly (logged): the run stays `antre` and the
    results stay `basi` until `abk_hitung_yang_basi` runs them.
    """
    units = sorted(set(unit_kerja_ids)) if unit_kerja_ids is not None else None
    run = (
        PerhitunganABK.objects.select_for_update()
        .filter(periode=periode, status=StatusPerhitungan.ANTRE)
        .order_by("pk")
        .first()
    )
    if run is not None:
        if run.unit_kerja_ids is not None:
            run.unit_kerja_ids = (
                None if units is None else sorted(set(run.unit_kerja_ids) | set(units))
            )
            run.save(update_fields=["unit_kerja_ids"])
    else:
        run = PerhitunganABK.objects.create(
            periode=periode,
            unit_kerja_ids=units,
            alasan=alasan[:200],
            dibuat_oleh=actor if getattr(actor, "pk", None) else None,
        )
    _kirim_setelah_commit(run.pk)
    return run


def _kirim_setelah_commit(perhitungan_id: int) -> None:
    """Register the send once per transaction, however many edits merged into the run."""
    sudah = any(
        getattr(cb[1], "perhitungan_abk", None) == perhitungan_id for cb in connection.run_on_commit
    )
    if sudah:
        return

    def kirim():
        perhitungan_kirim(perhitungan_id=perhitungan_id)

    kirim.perhitungan_abk = perhitungan_id
    transaction.on_commit(kirim)


def perhitungan_kirim(*, perhitungan_id: int) -> bool:
    """Send a queued run to the worker; False (and logged) when the broker cannot be reached."""
    from .tasks import hitung_ulang_abk, hitung_ulang_abk_terbagi

    try:
        bagian = instansi_untuk_partisi(perhitungan_id=perhitungan_id)
        if bagian:
            hasil = hitung_ulang_abk_terbagi(perhitungan_id, bagian)
        else:
            hasil = hitung_ulang_abk.apply_async(
                args=[perhitungan_id],
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
            )
    except Exception:
        log.exception(
            "Perhitungan ABK %s tidak dapat dikirim ke antrean; tetap 'antre' dan akan diambil "
            "oleh abk_hitung_yang_basi.",
            perhitungan_id,
        )
        return False
    PerhitunganABK.objects.filter(
        pk=perhitungan_id, status=StatusPerhitungan.ANTRE, task_id=""
    ).update(task_id=hasil.id or "")
    return True


def _unit_dari_jabatan(jabatan_ids) -> set[int]:
    return set(
        Jabatan.objects.filter(pk__in=list(jabatan_ids)).values_list("unit_kerja_id", flat=True)
    )


def _beban_per_jabatan(periode, jabatan_ids=None, unit_kerja_ids=None):
    """Σ volume × norma of each jabatan's tasks in `periode` (optionally of some jabatan/units)."""
    tugas = UraianTugas.objects.filter(periode=periode)
    if jabatan_ids is not None:
        tugas = tugas.filter(jabatan_id__in=list(jabatan_ids))
    if unit_kerja_ids is not None:
        tugas = tugas.filter(jabatan__unit_kerja_id__in=list(unit_kerja_ids))
    return tugas.values("jabatan_id").annotate(
        total=Sum(
            ExpressionWrapper(
                F("volume") * F("norma_waktu_menit"),
                output_field=DecimalField(max_digits=24, decimal_places=4),
            )
        )
    )


def _jabatan_beban_berlebih(periode, *, jabatan_ids=None, unit_kerja_ids=None) -> list[str]:
    """Kode of the jabatan whose tasks add up to more than their results can hold."""
    ids = (
        _beban_per_jabatan(periode, jabatan_ids, unit_kerja_ids)
        .filter(total__gt=calc.beban_maks_menit(periode.wke_menit))
        .values_list("jabatan_id", flat=True)
        .order_by()
    )
    return sorted(Jabatan.objects.filter(pk__in=list(ids)).values_list("kode", flat=True))


def _periksa_beban_muat(periode, jabatan_ids) -> None:
    """After writing tasks: refuse (the caller's transaction rolls back) when a jabatan's total
    would not fit its result columns, so no recalculation can overflow on it."""
    berlebih = _jabatan_beban_berlebih(periode, jabatan_ids=jabatan_ids)
    if berlebih:
        maks = f"{calc.beban_maks_menit(periode.wke_menit):,.0f}".replace(",", ".")
        raise ValidationError(
            f"Total beban kerja jabatan {', '.join(berlebih[:5])} melebihi batas {maks} menit "
            f"per jabatan pada periode {periode.tahun}; periksa volume dan norma waktu tugasnya."
        )


def _pastikan_bukan_arsip(periode: PeriodeABK) -> None:
    """An archived period keeps the inputs and results it was closed with (the caller's
    transaction is rolled back by the refusal)."""
    status = PeriodeABK.objects.filter(pk=periode.pk).values_list("status", flat=True).first()
    if status == StatusPeriode.ARSIP:
        raise ValidationError(
            f"Periode ABK {periode.tahun} sudah diarsipkan: uraian tugas dan pengaturannya tidak "
            "dapat diubah lagi. Ubah periode yang sedang disusun atau yang berlaku."
        )


def _ubah_masukan(*, periode, jabatan_ids, alasan, actor):
    """Stale-mark the results of these jabatan in `periode` and queue their units."""
    _pastikan_bukan_arsip(periode)
    jabatan_ids = {j for j in jabatan_ids if j}
    if not jabatan_ids:
        return
    unit_ids = _unit_dari_jabatan(jabatan_ids)
    tandai_basi(periode_ids=[periode.pk], jabatan_ids=jabatan_ids)
    perhitungan_antrekan(periode=periode, unit_kerja_ids=unit_ids, alasan=alasan, actor=actor)


# --- periods -----------------------------------------------------------------------------


@transaction.atomic
def periode_buat(*, data: dict, actor=None) -> PeriodeABK:
    """Open a new ABK year with its own WKE and PJ bands; queue its first computation."""
    periode = PeriodeABK()
    isi_atribut(periode, data, PERIODE_FIELDS)
    periode.full_clean()
    periode._history_user = actor
    periode.save()
    perhitungan_antrekan(periode=periode, alasan="Periode dibuat", actor=actor)
    return periode


@transaction.atomic
def periode_ubah_pengaturan(*, periode: PeriodeABK, data: dict, actor=None) -> PeriodeABK:
    """Change the period's WKE / PJ bands / note. A change of WKE or bands makes every result of
    this period (and only this period) stale and queues a full recalculation."""
    periode = PeriodeABK.objects.select_for_update(no_key=True).get(pk=periode.pk)
    lama = {f: getattr(periode, f) for f in PERIODE_PENGATURAN_FIELDS}
    isi_atribut(periode, data, [f for f in PERIODE_FIELDS if f != "tahun"])
    periode.full_clean()
    periode._history_user = actor
    periode.save()
    if any(getattr(periode, f) != lama[f] for f in PERIODE_PENGATURAN_FIELDS):
        _pastikan_bukan_arsip(periode)
        tandai_basi(periode_ids=[periode.pk])
        perhitungan_antrekan(periode=periode, alasan="Pengaturan periode diubah", actor=actor)
    return periode


def periode_kesiapan(periode: PeriodeABK) -> list[str]:
    """Why `periode` cannot be made the one in force yet (empty when it can)."""
    alasan = []
    if not UraianTugas.objects.filter(periode=periode).exists():
        alasan.append(
            f"Periode ABK {periode.tahun} belum memiliki uraian tugas: isi, salin dari periode "
            "sebelumnya atau impor uraian tugasnya dulu."
        )
    elif not HasilABK.objects.filter(periode=periode).exists():
        alasan.append(f"Hasil ABK {periode.tahun} belum pernah dihitung: tekan Hitung ulang dulu.")
    return alasan


@transaction.atomic
def periode_tetapkan_berlaku(*, periode: PeriodeABK, actor=None) -> PeriodeABK:
    """Make `periode` the one in force; the period in force until now becomes an archive.

    Both rows are locked, so two users choosing at once (or a recalculation running) are
    serialised, and the database's one-berlaku constraint is the last guard. A period coming
    back from the archive has results frozen at its closing: they are marked stale and
    recomputed against today's register. Refused (ValidationError) for a period already in
    force or one without tasks or results.
    """
    baru = PeriodeABK.objects.select_for_update(no_key=True).get(pk=periode.pk)
    if baru.berlaku:
        raise ValidationError(f"Periode ABK {baru.tahun} sudah berlaku.")
    alasan = periode_kesiapan(baru)
    if alasan:
        raise ValidationError(alasan)
    dari_arsip = baru.status == StatusPeriode.ARSIP
    lama = (
        PeriodeABK.objects.select_for_update(no_key=True)
        .filter(status=StatusPeriode.BERLAKU)
        .first()
    )
    if lama is not None:
        lama.arsipkan()
        lama._history_user = actor
        lama._change_reason = f"Digantikan oleh ABK {baru.tahun}"
        lama.save(update_fields=["status"])
    baru.tetapkan_berlaku(oleh=actor)
    baru.full_clean()
    baru._history_user = actor
    baru._change_reason = "Ditetapkan berlaku"
    baru.save(update_fields=["status", "ditetapkan_pada", "ditetapkan_oleh"])
    if dari_arsip:
        tandai_basi(periode_ids=[baru.pk])
        perhitungan_antrekan(
            periode=baru, alasan="Periode arsip ditetapkan berlaku kembali", actor=actor
        )
    return baru


# --- tasks (uraian tugas) ----------------------------------------------------------------


@transaction.atomic
def uraian_tugas_simpan(
    *, instance: UraianTugas | None = None, data: dict, actor=None
) -> UraianTugas:
    """Create or edit one task. `data` holds periode and jabatan for a new one."""
    obj = instance or UraianTugas()
    jabatan_lama = None if instance is None else instance.jabatan_id
    if instance is None:
        isi_atribut(obj, data, ["periode", "jabatan"])
    elif "jabatan" in data:
        obj.jabatan = data["jabatan"]
    isi_atribut(obj, data, URAIAN_FIELDS)
    obj.full_clean()
    obj._history_user = actor
    obj.save()
    _periksa_beban_muat(obj.periode, {obj.jabatan_id})
    _ubah_masukan(
        periode=obj.periode,
        jabatan_ids={obj.jabatan_id, jabatan_lama},
        alasan="Uraian tugas diubah",
        actor=actor,
    )
    return obj


@transaction.atomic
def uraian_tugas_hapus(*, instance: UraianTugas, actor=None) -> None:
    periode, jabatan_id = instance.periode, instance.jabatan_id
    instance._history_user = actor
    instance.delete()
    _ubah_masukan(
        periode=periode, jabatan_ids={jabatan_id}, alasan="Uraian tugas dihapus", actor=actor
    )


@transaction.atomic
def uraian_tugas_simpan_banyak(
    *, periode: PeriodeABK, jabatan: Jabatan, baris: list[dict], actor=None
) -> list[UraianTugas]:
    """Replace the task table of one jabatan in one period (the inline table) in one action.

    Each row is a dict of URAIAN_FIELDS, with `id` for an existing task; existing tasks missing
    from `baris` are deleted. Every row is validated first; a ValidationError names the row.
    """
    ada = {t.pk: t for t in UraianTugas.objects.filter(periode=periode, jabatan=jabatan)}
    simpan, galat = [], {}
    for i, data in enumerate(baris, start=1):
        pk = data.get("id")
        if pk and pk not in ada:
            galat[f"baris {i}"] = ["Uraian tugas ini bukan milik jabatan dan periode ini."]
            continue
        obj = ada.get(pk) if pk else UraianTugas(periode=periode, jabatan=jabatan)
        isi_atribut(obj, data, URAIAN_FIELDS)
        if "urutan" not in data:
            obj.urutan = i
        try:
            obj.full_clean()
        except ValidationError as exc:
            galat[f"baris {i}"] = exc.messages
        simpan.append(obj)
    if galat:
        raise ValidationError(galat)
    dipakai = {o.pk for o in simpan if o.pk}
    hapus = [t for pk, t in ada.items() if pk not in dipakai]
    for t in hapus:
        t._history_user = actor
        t.delete()
    for obj in simpan:
        obj._history_user = actor
        obj.save()
    _periksa_beban_muat(periode, {jabatan.pk})
    _ubah_masukan(
        periode=periode, jabatan_ids={jabatan.pk}, alasan="Tabel uraian tugas disimpan", actor=actor
    )
    return simpan


@transaction.atomic
def uraian_tugas_salin_dari_periode(
    *, periode_asal: PeriodeABK, periode_tujuan: PeriodeABK, actor=None, unit_kerja_ids=None
) -> int:
    """Copy the tasks of active jabatan from one period to another in one set-based action.

    Jabatan that already have tasks in the target period are left alone (never doubled), so
    the copy can be repeated safely. Returns the number of tasks copied.
    """
    if periode_asal.pk == periode_tujuan.pk:
        raise ValidationError("Periode asal dan periode tujuan harus berbeda.")
    _pastikan_bukan_arsip(periode_tujuan)
    sudah = UraianTugas.objects.filter(periode=periode_tujuan).values("jabatan_id")
    sumber = UraianTugas.objects.filter(periode=periode_asal, jabatan__aktif=True).exclude(
        jabatan_id__in=sudah
    )
    if unit_kerja_ids is not None:
        sumber = sumber.filter(jabatan__unit_kerja_id__in=list(unit_kerja_ids))
    baru = [
        UraianTugas(
            periode=periode_tujuan,
            jabatan_id=t.jabatan_id,
            urutan=t.urutan,
            uraian=t.uraian,
            hasil_kerja=t.hasil_kerja,
            satuan=t.satuan,
            volume=t.volume,
            norma_waktu_menit=t.norma_waktu_menit,
        )
        for t in sumber.only(
            "jabatan_id", "urutan", "uraian", "hasil_kerja", "satuan", "volume", "norma_waktu_menit"
        )
    ]
    # bulk_create skips simple-history; record the copy once as a run reason instead.
    UraianTugas.objects.bulk_create(baru, batch_size=UKURAN_BATCH)
    if baru:
        jabatan_ids = {t.jabatan_id for t in baru}
        _periksa_beban_muat(periode_tujuan, jabatan_ids)
        tandai_basi(periode_ids=[periode_tujuan.pk], jabatan_ids=jabatan_ids)
        perhitungan_antrekan(
            periode=periode_tujuan,
            unit_kerja_ids=None if unit_kerja_ids is None else _unit_dari_jabatan(jabatan_ids),
            alasan=f"Uraian tugas disalin dari {periode_asal}",
            actor=actor,
        )
    return len(baru)


@transaction.atomic
def uraian_tugas_impor(*, periode: PeriodeABK, baris: Iterable, actor=None) -> dict:
    """Replace, all or nothing, the tasks of every jabatan present in an imported spreadsheet.

    `baris` are already-read rows (analisis_beban.impor.BarisImpor: nomor, jabatan, uraian,
    hasil_kerja, satuan, volume, norma_waktu_menit). Each row is validated first; a
    ValidationError names the spreadsheet row and nothing is written. The jabatan's old tasks
    in `periode` are deleted, the new ones created in file order (both recorded in the history),
    their results marked stale and their units queued. Returns {"tugas": n, "jabatan": n}.
    """
    from simple_history.utils import bulk_create_with_history

    baris = list(baris)
    objek, galat, urutan = [], {}, {}
    for b in baris:
        urutan[b.jabatan.pk] = urutan.get(b.jabatan.pk, 0) + 1
        obj = UraianTugas(
            periode=periode,
            jabatan=b.jabatan,
            urutan=urutan[b.jabatan.pk],
            uraian=b.uraian,
            hasil_kerja=b.hasil_kerja,
            satuan=b.satuan,
            volume=b.volume,
            norma_waktu_menit=b.norma_waktu_menit,
        )
        try:
            # Foreign keys are the objects just read; constraints are checked by the database.
            obj.full_clean(exclude=["periode", "jabatan"], validate_constraints=False)
        except ValidationError as exc:
            galat[f"baris {b.nomor}"] = exc.messages
        objek.append(obj)
    if galat:
        raise ValidationError(galat)
    if not objek:
        raise ValidationError("Berkas tidak berisi uraian tugas.")
    jabatan_ids = set(urutan)
    # The old tasks leave the history in one bulk insert of "-" rows, then one DELETE: a
    # queryset delete would write that history row by row (20,000 tasks: ~20 s instead of ~1 s).
    lama = UraianTugas.objects.filter(periode=periode, jabatan_id__in=jabatan_ids)
    Riwayat = UraianTugas.history.model
    sekarang = timezone.now()
    Riwayat.objects.bulk_create(
        [
            Riwayat(
                **{f.attname: getattr(t, f.attname) for f in UraianTugas._meta.concrete_fields},
                history_date=sekarang,
                history_type="-",
                history_user=actor if getattr(actor, "pk", None) else None,
                history_change_reason="Diganti lewat impor",
            )
            for t in lama
        ],
        batch_size=UKURAN_BATCH,
    )
    # No receiver needs these rows (nothing refers to a task), so the plain DELETE is safe.
    lama._raw_delete(lama.db)
    bulk_create_with_history(
        objek, UraianTugas, batch_size=UKURAN_BATCH, default_user=actor if actor else None
    )
    _periksa_beban_muat(periode, jabatan_ids)
    _ubah_masukan(
        periode=periode,
        jabatan_ids=jabatan_ids,
        alasan=f"Impor uraian tugas ({len(objek)} baris)",
        actor=actor,
    )
    return {"tugas": len(objek), "jabatan": len(jabatan_ids)}


# --- reactions to register changes (called by the receivers in apps.py) -------------------


@transaction.atomic
def abk_bezetting_berubah(*, jabatan_ids: Iterable[int]) -> None:
    """Holders of these jabatan changed: their results in the open periods are stale."""
    jabatan_ids = {j for j in jabatan_ids if j}
    if not jabatan_ids:
        return
    unit_ids = _unit_dari_jabatan(jabatan_ids)
    for periode in periode_terbuka():
        tandai_basi(periode_ids=[periode.pk], jabatan_ids=jabatan_ids)
        perhitungan_antrekan(periode=periode, unit_kerja_ids=unit_ids, alasan="Bezetting berubah")


@transaction.atomic
def abk_jabatan_berubah(*, jabatan_ids: Iterable[int], unit_kerja_ids: Iterable[int]) -> None:
    """A jabatan was created, edited, moved or deactivated: recompute its old and new units."""
    jabatan_ids = {j for j in jabatan_ids if j}
    unit_ids = {u for u in unit_kerja_ids if u} | _unit_dari_jabatan(jabatan_ids)
    if not unit_ids:
        return
    for periode in periode_terbuka():
        tandai_basi(periode_ids=[periode.pk], jabatan_ids=jabatan_ids, unit_kerja_ids=unit_ids)
        perhitungan_antrekan(periode=periode, unit_kerja_ids=unit_ids, alasan="Jabatan berubah")


# --- the safety nets (called by the beat tasks) ------------------------------------------


def abk_hitung_yang_basi(*, umur_antre_detik: int = 300) -> list[PerhitunganABK]:
    """Run what a broker outage (or a lost worker) left behind; return the runs made.

    1. runs still `antre` (or `berjalan` without progress) older than `umur_antre_detik`;
    2. then, per period, the units that still hold stale results.
    """
    batas = timezone.now() - datetime.timedelta(seconds=umur_antre_detik)
    tertinggal = list(
        PerhitunganABK.objects.filter(
            Q(status=StatusPerhitungan.ANTRE) | Q(status=StatusPerhitungan.BERJALAN),
            dibuat_pada__lt=batas,
        )
        .filter(Q(mulai_pada__isnull=True) | Q(mulai_pada__lt=batas))
        .order_by("dibuat_pada")
        .values_list("pk", flat=True)
    )
    hasil = []
    for pk in tertinggal:
        try:
            run = perhitungan_jalankan(perhitungan_id=pk)
        except Exception:
            log.exception("Perhitungan ABK %s gagal saat dijalankan ulang.", pk)
            continue
        if run is not None:
            hasil.append(run)
    basi = (
        HasilABK.objects.filter(basi=True)
        .values_list("periode_id", "unit_kerja_id")
        .distinct()
        .order_by()
    )
    per_periode: dict[int, set[int]] = {}
    for periode_id, unit_id in basi:
        per_periode.setdefault(periode_id, set()).add(unit_id)
    for periode in PeriodeABK.objects.filter(pk__in=list(per_periode)):
        hasil.append(
            abk_hitung(
                periode=periode,
                unit_kerja_ids=per_periode[periode.pk],
                alasan="Hasil basi dihitung ulang otomatis",
            )
        )
    return hasil


def abk_hitung_semua(*, hanya_terbuka: bool = False, actor=None, alasan="") -> list[PerhitunganABK]:
    """Recalculate every period fully (or only the open ones), one run each."""
    daftar = periode_terbuka() if hanya_terbuka else list(PeriodeABK.objects.order_by("tahun"))
    return [
        abk_hitung(periode=p, actor=actor, alasan=alasan or "Hitung ulang penuh") for p in daftar
    ]


def ukur(fungsi, *args, **kwargs):
    """(result, seconds) — used by the management command and the benchmark."""
    mulai = time.perf_counter()
    hasil = fungsi(*args, **kwargs)
    return hasil, time.perf_counter() - mulai
