"""Eligibility of a transfer, checked when a proposal is submitted (and shown while drafting).

A *blok* stops the submission; a *peringatan* lets it through only with a written justification.
Every message says, in Indonesian, what is wrong so the proposer knows what to fix.
"""

import datetime
from dataclasses import asdict, dataclass

from django.utils import timezone

from analisis_beban.models import HasilABK
from analisis_beban.selectors import dampak_mutasi
from instansi.choices import Golongan, Pendidikan

from .choices import STATUS_BERJALAN, JenisMutasi
from .models import PengaturanMutasi, UsulanMutasi

BLOK = "blok"
PERINGATAN = "peringatan"


@dataclass(frozen=True)
class Temuan:
    kode: str
    pesan: str
    jenis: str  # BLOK or PERINGATAN

    @property
    def blok(self) -> bool:
        return self.jenis == BLOK

    def sebagai_dict(self) -> dict:
        return asdict(self)


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    tahun, sisa = divmod(tanggal.month - 1 + bulan, 12)
    bulan_baru = sisa + 1
    tahun_baru = tanggal.year + tahun
    hari = tanggal.day
    while True:
        try:
            return datetime.date(tahun_baru, bulan_baru, hari)
        except ValueError:
            hari -= 1


def _label_golongan(nilai) -> str:
    return Golongan(nilai).label if nilai in Golongan.values else str(nilai)


def periksa_kelayakan(
    usulan: UsulanMutasi,
    *,
    hari_ini: datetime.date | None = None,
    pengaturan: PengaturanMutasi | None = None,
) -> list[Temuan]:
    """Every block and warning that applies to `usulan` now (blocks first)."""
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = pengaturan or PengaturanMutasi.muat()
    pegawai = usulan.pegawai
    tujuan = usulan.jabatan_tujuan if usulan.jabatan_tujuan_id else None
    hasil: list[Temuan] = []

    def blok(kode, pesan):
        hasil.append(Temuan(kode, pesan, BLOK))

    def peringatan(kode, pesan):
        hasil.append(Temuan(kode, pesan, PERINGATAN))

    # --- blocks -------------------------------------------------------------------------
    if not pegawai.aktif:
        blok("pegawai_tidak_aktif", "Pegawai tidak aktif sehingga tidak dapat dimutasi.")
    if pegawai.proses_disiplin:
        blok(
            "proses_disiplin",
            "Pegawai sedang menjalani proses atau hukuman disiplin; mutasi tidak dapat diajukan "
            "sampai prosesnya selesai.",
        )
    if pegawai.tugas_belajar:
        blok(
            "tugas_belajar",
            "Pegawai sedang tugas belajar; mutasi dapat diajukan setelah tugas belajar selesai.",
        )
    if pegawai.cuti_luar_tanggungan:
        blok(
            "cuti_luar_tanggungan",
            "Pegawai sedang cuti di luar tanggungan negara; mutasi tidak dapat diajukan.",
        )
    if pegawai.temuan_inspektorat:
        blok(
            "temuan_inspektorat",
            "Pegawai memiliki temuan Inspektorat yang belum selesai; selesaikan temuan terlebih "
            "dahulu.",
        )
    lain = (
        UsulanMutasi.objects.filter(pegawai_id=pegawai.pk, status__in=STATUS_BERJALAN)
        .exclude(pk=usulan.pk)
        .values_list("pk", "nomor")
        .first()
    )
    if lain is not None:
        blok(
            "usulan_lain_berjalan",
            f"Pegawai ini sudah memiliki usulan mutasi lain yang sedang berjalan ({lain[1] or '-'}); "
            "selesaikan atau batalkan usulan itu terlebih dahulu.",
        )
    if tujuan is not None and usulan.jabatan_asal_id and tujuan.pk == usulan.jabatan_asal_id:
        blok(
            "tujuan_sama_dengan_asal",
            "Jabatan tujuan sama dengan jabatan asal; pilih jabatan tujuan yang lain.",
        )
    if (
        tujuan is not None
        and tujuan.pendidikan_minimal
        and pegawai.pendidikan < tujuan.pendidikan_minimal
    ):
        blok(
            "pendidikan_kurang",
            f"Pendidikan pegawai ({Pendidikan(pegawai.pendidikan).label}) di bawah pendidikan "
            f"minimal jabatan tujuan ({Pendidikan(tujuan.pendidikan_minimal).label}).",
        )

    # --- warnings -----------------------------------------------------------------------
    if usulan.jenis != JenisMutasi.MASUK and pegawai.tmt_jabatan:
        minimal = pengaturan.masa_jabatan_minimal_bulan
        boleh_sejak = tambah_bulan(pegawai.tmt_jabatan, minimal)
        if hari_ini < boleh_sejak:
            peringatan(
                "masa_jabatan_kurang",
                f"Pegawai baru menduduki jabatan sekarang sejak {pegawai.tmt_jabatan:%d/%m/%Y}; "
                f"masa jabatan minimal {minimal} bulan baru terpenuhi pada "
                f"{boleh_sejak:%d/%m/%Y}.",
            )
    pensiun = pegawai.tanggal_pensiun
    if pensiun <= tambah_bulan(hari_ini, 12):
        peringatan(
            "pensiun_dekat",
            f"Pegawai mencapai batas usia pensiun pada {pensiun:%d/%m/%Y} (kurang dari 12 bulan "
            "lagi).",
        )
    if tujuan is not None:
        dampak = dampak_mutasi(
            jabatan_asal=usulan.jabatan_asal if usulan.jenis != JenisMutasi.MASUK else None,
            jabatan_tujuan=tujuan,
        )
        sisi_tujuan, sisi_asal = dampak["tujuan"], dampak["asal"]
        tahun = dampak["periode"].tahun if dampak["periode"] else None
        if sisi_tujuan is None or not sisi_tujuan["ada_hasil"]:
            peringatan(
                "abk_tujuan_tidak_ada",
                "Belum ada hasil ABK untuk jabatan tujuan, sehingga kekurangan pegawainya belum "
                "terbukti.",
            )
        elif sisi_tujuan["sebelum"]["selisih"] >= 0:
            sebelum = sisi_tujuan["sebelum"]
            peringatan(
                "tujuan_tidak_kurang",
                f"Menurut ABK {tahun}, jabatan tujuan tidak kekurangan pegawai (bezetting "
                f"{sebelum['bezetting']}, kebutuhan {sebelum['kebutuhan_bulat']}).",
            )
        if sisi_asal is not None and sisi_asal["ada_hasil"] and sisi_asal["sesudah"]["selisih"] < 0:
            sesudah = sisi_asal["sesudah"]
            peringatan(
                "asal_menjadi_kurang",
                f"Menurut ABK {tahun}, jabatan asal akan kekurangan pegawai setelah mutasi ini "
                f"(bezetting {sesudah['bezetting']}, kebutuhan {sesudah['kebutuhan_bulat']}).",
            )
    elif usulan.jenis == JenisMutasi.KELUAR and usulan.jabatan_asal_id:
        # Out of the city: only the origin side of the ABK is ours to read.
        hasil_asal = (
            HasilABK.objects.filter(jabatan_id=usulan.jabatan_asal_id)
            .select_related("periode")
            .order_by("-periode__tahun")
            .first()
        )
        if hasil_asal is not None and hasil_asal.selisih - 1 < 0:
            peringatan(
                "asal_menjadi_kurang",
                f"Menurut ABK {hasil_asal.periode.tahun}, jabatan asal akan kekurangan pegawai "
                f"setelah mutasi ini (bezetting {hasil_asal.bezetting - 1}, kebutuhan "
                f"{hasil_asal.kebutuhan_bulat}).",
            )
    if tujuan is not None:
        gol = pegawai.golongan
        # PNS ranges do not apply to PPPK grades and the reverse: compare like with like.
        sejenis = (lambda g: g is not None and (g > 100) == (gol > 100)) if gol else None
        terlalu_rendah = (
            sejenis and sejenis(tujuan.golongan_minimal) and gol < tujuan.golongan_minimal
        )
        terlalu_tinggi = (
            sejenis and sejenis(tujuan.golongan_maksimal) and gol > tujuan.golongan_maksimal
        )
        if terlalu_rendah or terlalu_tinggi:
            rentang = "–".join(
                _label_golongan(g)
                for g in (tujuan.golongan_minimal, tujuan.golongan_maksimal)
                if g is not None
            )
            peringatan(
                "golongan_di_luar_rentang",
                f"Golongan pegawai ({_label_golongan(gol)}) di luar rentang golongan jabatan "
                f"tujuan ({rentang}).",
            )
    if pengaturan.dalam_pembekuan(hari_ini):
        catatan = f" ({pengaturan.pembekuan_catatan})" if pengaturan.pembekuan_catatan else ""
        peringatan(
            "masa_pembekuan",
            f"Saat ini masa pembekuan mutasi {pengaturan.pembekuan_mulai:%d/%m/%Y}–"
            f"{pengaturan.pembekuan_selesai:%d/%m/%Y}{catatan}; mutasi pejabat memerlukan "
            "persetujuan tertulis Mendagri.",
        )
    return hasil


def blok_dari(temuan: list[Temuan]) -> list[Temuan]:
    return [t for t in temuan if t.blok]


def peringatan_dari(temuan: list[Temuan]) -> list[Temuan]:
    return [t for t in temuan if not t.blok]
