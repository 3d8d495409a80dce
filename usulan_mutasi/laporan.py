"""Reports of the transfer workflow: the rekap of a period (proposals by kind, reason, status and
agency; how long each approval step took and which were late; the moves that took effect and
their effect on the ABK shortage per agency) and the history of every move that took effect.

Reads only, scoped through `UsulanMutasi.for_user`; each report runs a fixed number of queries
whatever the number of proposals (aggregates in the database; the step durations come from one
windowed query over the events).
"""

from __future__ import annotations

import calendar
import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lead
from django.utils import timezone

from .choices import (
    STATUS_TAHAP_PERSETUJUAN,
    AlasanMutasi,
    JenisMutasi,
    StatusUsulan,
)
from .models import PengaturanMutasi, PeristiwaUsulan, UsulanMutasi

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


@dataclass(frozen=True)
class Periode:
    """A reporting period: whole days from `mulai` to `selesai`, both included."""

    mulai: datetime.date
    selesai: datetime.date
    label: str

    @classmethod
    def tahun(cls, tahun: int) -> Periode:
        return cls(datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31), f"Tahun {tahun}")

    @classmethod
    def semester(cls, tahun: int, ke: int) -> Periode:
        if ke == 1:
            return cls(
                datetime.date(tahun, 1, 1), datetime.date(tahun, 6, 30), f"Semester I {tahun}"
            )
        return cls(datetime.date(tahun, 7, 1), datetime.date(tahun, 12, 31), f"Semester II {tahun}")

    @classmethod
    def bulan(cls, tahun: int, bulan: int) -> Periode:
        akhir = calendar.monthrange(tahun, bulan)[1]
        return cls(
            datetime.date(tahun, bulan, 1),
            datetime.date(tahun, bulan, akhir),
            f"{BULAN[bulan - 1]} {tahun}",
        )

    @classmethod
    def rentang(cls, mulai: datetime.date, selesai: datetime.date) -> Periode:
        return cls(mulai, selesai, f"{mulai:%d/%m/%Y} – {selesai:%d/%m/%Y}")

    def batas_waktu(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware moments in the city's time zone: [awal, akhir)."""
        tz = timezone.get_current_timezone()
        awal = datetime.datetime.combine(self.mulai, datetime.time.min, tzinfo=tz)
        akhir = datetime.datetime.combine(
            self.selesai + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return awal, akhir


DIMENSI = ("jenis", "alasan", "status", "instansi_asal_id", "instansi_tujuan_id")


def _hitung_dimensi(qs) -> dict[str, list[dict]]:
    """Counts of `qs` per kind, reason, status and origin/destination agency, from one grouped
    query over all five columns (a handful of combinations, summed here per column).

    Returns {column: [{"kunci", "label", "jumlah"}]}, largest first; labels of the agencies are
    filled in by the caller."""
    from collections import Counter

    hitung = {d: Counter() for d in DIMENSI}
    for baris in qs.order_by().values(*DIMENSI).annotate(jumlah=Count("pk")):
        for d in DIMENSI:
            hitung[d][baris[d]] += baris["jumlah"]
    label = {
        "jenis": dict(JenisMutasi.choices),
        "alasan": dict(AlasanMutasi.choices),
        "status": dict(StatusUsulan.choices),
    }
    hasil = {}
    for d, c in hitung.items():
        hasil[d] = [
            {"kunci": k, "label": label.get(d, {}).get(k, k), "jumlah": n}
            for k, n in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))
        ]
    return hasil


def _nama_instansi(ids) -> dict:
    from instansi.models import Instansi

    return dict(Instansi.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "nama"))


def _persentil(nilai: list[float], p: float) -> float | None:
    if not nilai:
        return None
    if len(nilai) == 1:
        return nilai[0]
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(p) - 1]


def _hari_kerja_antara(mulai: datetime.date, selesai: datetime.date) -> int:
    """Working days (Monday–Friday) after `mulai` up to and including `selesai`."""
    if selesai <= mulai:
        return 0
    hari = (selesai - mulai).days
    minggu, sisa = divmod(hari, 7)
    jumlah = minggu * 5
    for i in range(1, sisa + 1):
        if (mulai + datetime.timedelta(days=minggu * 7 + i)).weekday() < 5:
            jumlah += 1
    return jumlah


@dataclass
class DurasiTahap:
    status: str
    label: str
    durasi: list[float] = field(default_factory=list)  # days
    terlambat: int = 0

    @property
    def jumlah(self) -> int:
        return len(self.durasi)

    @property
    def median(self) -> float | None:
        return statistics.median(self.durasi) if self.durasi else None

    @property
    def p90(self) -> float | None:
        return _persentil(self.durasi, 90)


def durasi_tahap(qs_usulan, periode: Periode) -> list[DurasiTahap]:
    """How long each approval step took for the proposals of `qs_usulan`, for the steps that
    ended in the period, and how many took longer than the working days allowed. One query."""
    awal, akhir = periode.batas_waktu()
    batas_hari = PengaturanMutasi.muat().hari_kerja_per_tahap
    peristiwa = (
        PeristiwaUsulan.objects.filter(usulan__in=qs_usulan.order_by().values("pk"))
        .exclude(ke_status="")
        .annotate(
            keluar=Window(
                Lead("waktu"), partition_by=[F("usulan_id")], order_by=[F("waktu"), F("pk")]
            )
        )
        .values_list("ke_status", "waktu", "keluar")
    )
    tahap = {
        s: DurasiTahap(status=s, label=StatusUsulan(s).label) for s in STATUS_TAHAP_PERSETUJUAN
    }
    tz = timezone.get_current_timezone()
    for status, masuk, keluar in peristiwa:
        if status not in tahap or keluar is None or not (awal <= keluar < akhir):
            continue
        t = tahap[status]
        t.durasi.append(round((keluar - masuk).total_seconds() / 86400, 2))
        if (
            _hari_kerja_antara(masuk.astimezone(tz).date(), keluar.astimezone(tz).date())
            > batas_hari
        ):
            t.terlambat += 1
    return list(tahap.values())


def _kurang(kebutuhan: int, bezetting: int) -> int:
    return max(0, kebutuhan - bezetting)


def dampak_abk_per_instansi(berlaku: list[UsulanMutasi], user) -> list[dict]:
    """The ABK shortage per agency before → after the moves that took effect: the ABK results of
    the period in force now ("sesudah") against the same with these moves undone ("sebelum").
    Three queries."""
    from analisis_beban import selectors as abk
    from analisis_beban.models import HasilABK

    pilih = abk.periode_berlaku
    periode_abk = pilih()
    if periode_abk is None or not berlaku:
        return []
    perubahan: dict[int, int] = {}
    for u in berlaku:
        if u.jabatan_tujuan_id:
            perubahan[u.jabatan_tujuan_id] = perubahan.get(u.jabatan_tujuan_id, 0) + 1
        if u.jabatan_asal_id:
            perubahan[u.jabatan_asal_id] = perubahan.get(u.jabatan_asal_id, 0) - 1
    hasil = HasilABK.objects.for_user(user).filter(periode=periode_abk)
    # The shortage in persons: Σ max(0, kebutuhan − bezetting) per agency.
    sesudah: dict[int, int] = {}
    sebelum_delta: dict[int, int] = {}
    for h in hasil.filter(Q(selisih__lt=0) | Q(jabatan_id__in=list(perubahan))).values(
        "instansi_id", "jabatan_id", "kebutuhan_bulat", "bezetting"
    ):
        kini = _kurang(h["kebutuhan_bulat"], h["bezetting"])
        sesudah[h["instansi_id"]] = sesudah.get(h["instansi_id"], 0) + kini
        d = perubahan.get(h["jabatan_id"], 0)
        if d:
            dulu = _kurang(h["kebutuhan_bulat"], h["bezetting"] - d)
            sebelum_delta[h["instansi_id"]] = sebelum_delta.get(h["instansi_id"], 0) + dulu - kini
    nama = _nama_instansi(sebelum_delta)
    baris = []
    for iid in set(sebelum_delta):
        baris.append(
            {
                "instansi_id": iid,
                "instansi": nama.get(iid, "—"),
                "sebelum": sesudah.get(iid, 0) + sebelum_delta[iid],
                "sesudah": sesudah.get(iid, 0),
            }
        )
    for b in baris:
        b["perubahan"] = b["sesudah"] - b["sebelum"]
    baris.sort(key=lambda b: (b["perubahan"], b["instansi"]))
    return baris


def rekap(user, periode: Periode) -> dict:
    """The rekap of a period for `user`'s scope. A fixed number of queries."""
    awal, akhir = periode.batas_waktu()
    semua = UsulanMutasi.objects.for_user(user)
    diajukan = semua.filter(diajukan_pada__gte=awal, diajukan_pada__lt=akhir)
    dimensi = _hitung_dimensi(diajukan)
    per_asal, per_tujuan = dimensi["instansi_asal_id"], dimensi["instansi_tujuan_id"]
    nama = _nama_instansi({b["kunci"] for b in per_asal + per_tujuan})
    for b in per_asal + per_tujuan:
        b["label"] = nama.get(b["kunci"], "Di luar Pemerintah Kota")
    berlaku = list(
        semua.filter(
            status=StatusUsulan.BERLAKU,
            surat_keputusan__tmt__gte=periode.mulai,
            surat_keputusan__tmt__lte=periode.selesai,
        ).only(
            "pk", "jabatan_asal_id", "jabatan_tujuan_id", "instansi_asal_id", "instansi_tujuan_id"
        )
    )
    hari_ini = timezone.localdate()
    terlambat_kini = semua.filter(status__in=STATUS_TAHAP_PERSETUJUAN, tenggat__lt=hari_ini)
    return {
        "periode": periode,
        "jumlah_diajukan": sum(b["jumlah"] for b in dimensi["jenis"]),
        "per_jenis": dimensi["jenis"],
        "per_alasan": dimensi["alasan"],
        "per_status": dimensi["status"],
        "per_instansi_asal": per_asal,
        "per_instansi_tujuan": per_tujuan,
        "durasi": durasi_tahap(semua.filter(diajukan_pada__isnull=False), periode),
        "jumlah_terlambat_kini": terlambat_kini.count(),
        "terlambat_kini": list(
            terlambat_kini.only("pk", "nomor", "status", "tenggat").order_by("tenggat", "pk")[:20]
        ),
        "jumlah_berlaku": len(berlaku),
        "dampak_abk": dampak_abk_per_instansi(berlaku, user),
    }


def riwayat_mutasi(user):
    """Every move that took effect, newest first, with what a history row shows (scoped)."""
    return (
        UsulanMutasi.objects.for_user(user)
        .filter(status=StatusUsulan.BERLAKU)
        .select_related("pegawai", "jabatan_asal", "jabatan_tujuan", "surat_keputusan")
        .prefetch_related("unit_asal", "unit_tujuan", "instansi_asal", "instansi_tujuan")
        .order_by("-surat_keputusan__tmt", "-pk")
    )


def datang_dan_pergi(user, unit_kerja) -> dict:
    """Who came to a unit (or its sub-units) and who left it, through moves that took effect."""
    from instansi.models import UnitKerja

    unit_ids = UnitKerja.objects.filter(jalur__startswith=unit_kerja.jalur).values("pk")
    dasar = riwayat_mutasi(user)
    return {
        "datang": list(dasar.filter(unit_tujuan_id__in=unit_ids)[:100]),
        "pergi": list(dasar.filter(unit_asal_id__in=unit_ids)[:100]),
    }
