"""Eligibility of a transfer, checked when a proposal is submitted (and shown while drafting).

A *blok* stops the submission; a *peringatan* lets it through only with a written justification.
Every message says, in Indonesian, what is wrong so the proposer knows what to fix.

The checks are about a pair, one pegawai × one destination jabatan (`Pasangan`), and need no
saved proposal: `periksa_pasangan(pegawai, jabatan)` answers "may this person go there?" for a
plan of many moves, `periksa_kelayakan(usulan)` answers it for one proposal. Each check is a small
function of the pair yielding its findings; `CEK` lists them in the order they are reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.utils import timezone

from instansi.choices import Golongan, Pendidikan
from instansi.models import Jabatan
from pegawai.models import Pegawai

from .choices import STATUS_BERJALAN, JenisMutasi
from .models import PengaturanMutasi, UsulanMutasi
from .selectors import dampak_usulan, keterangan_usulan_lain

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


def _blok(kode: str, pesan: str) -> Temuan:
    return Temuan(kode, pesan, BLOK)


def _peringatan(kode: str, pesan: str) -> Temuan:
    return Temuan(kode, pesan, PERINGATAN)


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


@dataclass
class Pasangan:
    """One pegawai and the jabatan they would move to, with what the checks read.

    `jabatan_asal` defaults to the pegawai's current jabatan; `tujuan` is None for a move out of
    the city. `kecuali_usulan_pk` is the proposal being checked itself (not "another proposal in
    progress", and not counted among the moves under way in the ABK figures).
    """

    pegawai: Pegawai
    tujuan: Jabatan | None
    jenis: str = JenisMutasi.ANTAR_OPD
    jabatan_asal: Jabatan | None = None
    kecuali_usulan_pk: int | None = None
    hari_ini: datetime.date = field(default_factory=timezone.localdate)
    pengaturan: PengaturanMutasi = field(default_factory=PengaturanMutasi.muat)

    @cached_property
    def dampak(self) -> dict:
        """ABK impact of the move, the other proposals under way counted in (two-three queries)."""
        return dampak_usulan(
            jabatan_asal=self.jabatan_asal if self.jenis != JenisMutasi.MASUK else None,
            jabatan_tujuan=self.tujuan,
            kecuali_pk=self.kecuali_usulan_pk,
        )


Cek = Callable[[Pasangan], Iterable[Temuan]]


# --- blocks ---------------------------------------------------------------------------------


def cek_keadaan_pegawai(p: Pasangan) -> Iterator[Temuan]:
    """Inactive, disciplinary process, study leave, unpaid leave, open Inspektorat finding."""
    pegawai = p.pegawai
    if not pegawai.aktif:
        yield _blok("pegawai_tidak_aktif", "Pegawai tidak aktif sehingga tidak dapat dimutasi.")
    if pegawai.proses_disiplin:
        yield _blok(
            "proses_disiplin",
            "Pegawai sedang menjalani proses atau hukuman disiplin; mutasi tidak dapat diajukan "
            "sampai prosesnya selesai.",
        )
    if pegawai.tugas_belajar:
        yield _blok(
            "tugas_belajar",
            "Pegawai sedang tugas belajar; mutasi dapat diajukan setelah tugas belajar selesai.",
        )
    if pegawai.cuti_luar_tanggungan:
        yield _blok(
            "cuti_luar_tanggungan",
            "Pegawai sedang cuti di luar tanggungan negara; mutasi tidak dapat diajukan.",
        )
    if pegawai.temuan_inspektorat:
        yield _blok(
            "temuan_inspektorat",
            "Pegawai memiliki temuan Inspektorat yang belum selesai; selesaikan temuan terlebih "
            "dahulu.",
        )


def cek_usulan_lain(p: Pasangan) -> Iterator[Temuan]:
    """Another proposal of the same pegawai in progress (also a database constraint). One query."""
    qs = UsulanMutasi.objects.filter(pegawai_id=p.pegawai.pk, status__in=STATUS_BERJALAN)
    if p.kecuali_usulan_pk is not None:
        qs = qs.exclude(pk=p.kecuali_usulan_pk)
    lain = qs.values_list("pk", "nomor").first()
    if lain is not None:
        yield _blok(
            "usulan_lain_berjalan",
            f"Pegawai ini sudah memiliki usulan mutasi lain yang sedang berjalan ({lain[1] or '-'}); "
            "selesaikan atau batalkan usulan itu terlebih dahulu.",
        )


def cek_tujuan_sama(p: Pasangan) -> Iterator[Temuan]:
    if p.tujuan is not None and p.jabatan_asal is not None and p.tujuan.pk == p.jabatan_asal.pk:
        yield _blok(
            "tujuan_sama_dengan_asal",
            "Jabatan tujuan sama dengan jabatan asal; pilih jabatan tujuan yang lain.",
        )


def cek_pendidikan(p: Pasangan) -> Iterator[Temuan]:
    t = p.tujuan
    if t is not None and t.pendidikan_minimal and p.pegawai.pendidikan < t.pendidikan_minimal:
        yield _blok(
            "pendidikan_kurang",
            f"Pendidikan pegawai ({Pendidikan(p.pegawai.pendidikan).label}) di bawah pendidikan "
            f"minimal jabatan tujuan ({Pendidikan(t.pendidikan_minimal).label}).",
        )


# --- warnings -------------------------------------------------------------------------------


def cek_masa_jabatan(p: Pasangan) -> Iterator[Temuan]:
    pegawai = p.pegawai
    if p.jenis == JenisMutasi.MASUK or not pegawai.tmt_jabatan:
        return
    minimal = p.pengaturan.masa_jabatan_minimal_bulan
    boleh_sejak = tambah_bulan(pegawai.tmt_jabatan, minimal)
    if p.hari_ini < boleh_sejak:
        yield _peringatan(
            "masa_jabatan_kurang",
            f"Pegawai baru menduduki jabatan sekarang sejak {pegawai.tmt_jabatan:%d/%m/%Y}; "
            f"masa jabatan minimal {minimal} bulan baru terpenuhi pada "
            f"{boleh_sejak:%d/%m/%Y}.",
        )


def cek_pensiun(p: Pasangan) -> Iterator[Temuan]:
    pensiun = p.pegawai.tanggal_pensiun
    if pensiun <= tambah_bulan(p.hari_ini, 12):
        yield _peringatan(
            "pensiun_dekat",
            f"Pegawai mencapai batas usia pensiun pada {pensiun:%d/%m/%Y} (kurang dari 12 bulan "
            "lagi).",
        )


def _dengan_usulan_lain(pesan: str, sisi: dict) -> str:
    keterangan = keterangan_usulan_lain(sisi)
    return f"{pesan} {keterangan[0].upper()}{keterangan[1:]}." if keterangan else pesan


def cek_abk(p: Pasangan) -> Iterator[Temuan]:
    """The destination must be short of staff and the origin must not become short, counting the
    other proposals under way to and from both positions ("bila semuanya berlaku")."""
    dampak = p.dampak
    tahun = dampak["periode"].tahun if dampak["periode"] else None
    tujuan, asal = dampak["tujuan"], dampak["asal"]
    if p.tujuan is not None:
        if tujuan is None or not tujuan["ada_hasil"]:
            yield _peringatan(
                "abk_tujuan_tidak_ada",
                "Belum ada hasil ABK untuk jabatan tujuan, sehingga kekurangan pegawainya belum "
                "terbukti.",
            )
        elif tujuan["dengan_lain"]["selisih"] >= 0:
            baca = tujuan["dengan_lain"]
            pesan = (
                f"Menurut ABK {tahun}, jabatan tujuan tidak kekurangan pegawai (bezetting "
                f"{baca['bezetting']}, kebutuhan {baca['kebutuhan_bulat']})."
            )
            if tujuan["lain"]:
                pesan = (
                    f"Menurut ABK {tahun}, jabatan tujuan tidak lagi kekurangan pegawai bila usulan "
                    f"lain yang sedang diproses berlaku (bezetting {baca['bezetting']}, kebutuhan "
                    f"{baca['kebutuhan_bulat']})."
                )
            yield _peringatan("tujuan_tidak_kurang", _dengan_usulan_lain(pesan, tujuan))
    if asal is not None and asal["ada_hasil"] and asal["sesudah"]["selisih"] < 0:
        baca = asal["sesudah"]
        yield _peringatan(
            "asal_menjadi_kurang",
            _dengan_usulan_lain(
                f"Menurut ABK {tahun}, jabatan asal akan kekurangan pegawai setelah mutasi ini "
                f"(bezetting {baca['bezetting']}, kebutuhan {baca['kebutuhan_bulat']}).",
                asal,
            ),
        )


def cek_golongan(p: Pasangan) -> Iterator[Temuan]:
    t, gol = p.tujuan, p.pegawai.golongan
    if t is None or not gol:
        return

    # PNS ranges do not apply to PPPK grades and the reverse: compare like with like.
    def sejenis(g):
        return g is not None and (g > 100) == (gol > 100)

    terlalu_rendah = sejenis(t.golongan_minimal) and gol < t.golongan_minimal
    terlalu_tinggi = sejenis(t.golongan_maksimal) and gol > t.golongan_maksimal
    if terlalu_rendah or terlalu_tinggi:
        rentang = "–".join(
            _label_golongan(g) for g in (t.golongan_minimal, t.golongan_maksimal) if g is not None
        )
        yield _peringatan(
            "golongan_di_luar_rentang",
            f"Golongan pegawai ({_label_golongan(gol)}) di luar rentang golongan jabatan "
            f"tujuan ({rentang}).",
        )


def cek_pembekuan(p: Pasangan) -> Iterator[Temuan]:
    pengaturan = p.pengaturan
    if pengaturan.dalam_pembekuan(p.hari_ini):
        catatan = f" ({pengaturan.pembekuan_catatan})" if pengaturan.pembekuan_catatan else ""
        yield _peringatan(
            "masa_pembekuan",
            f"Saat ini masa pembekuan mutasi {pengaturan.pembekuan_mulai:%d/%m/%Y}–"
            f"{pengaturan.pembekuan_selesai:%d/%m/%Y}{catatan}; mutasi pejabat memerlukan "
            "persetujuan tertulis Mendagri.",
        )


# Every check, in the order findings are reported (blocks are listed first regardless).
CEK: tuple[Cek, ...] = (
    cek_keadaan_pegawai,
    cek_usulan_lain,
    cek_tujuan_sama,
    cek_pendidikan,
    cek_masa_jabatan,
    cek_pensiun,
    cek_abk,
    cek_golongan,
    cek_pembekuan,
)


def periksa_pasangan(
    pegawai: Pegawai,
    jabatan_tujuan: Jabatan | None,
    *,
    jenis: str | None = None,
    jabatan_asal: Jabatan | None = None,
    kecuali_usulan_pk: int | None = None,
    hari_ini: datetime.date | None = None,
    pengaturan: PengaturanMutasi | None = None,
    cek: Iterable[Cek] = CEK,
) -> list[Temuan]:
    """Every block and warning for moving `pegawai` to `jabatan_tujuan` now (blocks first).

    No proposal needs to exist. `jenis` defaults to antar unit / antar OPD from the two agencies;
    `jabatan_asal` to the pegawai's jabatan. Pass `cek` to run only some checks (a plan that
    weighs the ABK itself can leave `cek_abk` out).
    """
    if jabatan_asal is None and jenis != JenisMutasi.MASUK and pegawai.jabatan_id:
        jabatan_asal = pegawai.jabatan
    if jenis is None:
        jenis = jenis_untuk(jabatan_asal, jabatan_tujuan)
    pasangan = Pasangan(
        pegawai=pegawai,
        tujuan=jabatan_tujuan,
        jenis=jenis,
        jabatan_asal=jabatan_asal,
        kecuali_usulan_pk=kecuali_usulan_pk,
        hari_ini=hari_ini or timezone.localdate(),
        pengaturan=pengaturan or PengaturanMutasi.muat(),
    )
    temuan = [t for c in cek for t in c(pasangan)]
    return [t for t in temuan if t.blok] + [t for t in temuan if not t.blok]


def jenis_untuk(jabatan_asal: Jabatan | None, jabatan_tujuan: Jabatan | None) -> str:
    """The kind of a move inside the city from where it starts and ends."""
    if jabatan_tujuan is None:
        return JenisMutasi.KELUAR
    if jabatan_asal is None:
        return JenisMutasi.MASUK
    if jabatan_asal.unit_kerja.instansi_id == jabatan_tujuan.unit_kerja.instansi_id:
        return JenisMutasi.ANTAR_UNIT
    return JenisMutasi.ANTAR_OPD


def periksa_kelayakan(
    usulan: UsulanMutasi,
    *,
    hari_ini: datetime.date | None = None,
    pengaturan: PengaturanMutasi | None = None,
) -> list[Temuan]:
    """Every block and warning that applies to `usulan` now (blocks first)."""
    return periksa_pasangan(
        usulan.pegawai,
        usulan.jabatan_tujuan if usulan.jabatan_tujuan_id else None,
        jenis=usulan.jenis,
        jabatan_asal=usulan.jabatan_asal if usulan.jabatan_asal_id else None,
        kecuali_usulan_pk=usulan.pk,
        hari_ini=hari_ini,
        pengaturan=pengaturan,
    )


def blok_dari(temuan: list[Temuan]) -> list[Temuan]:
    return [t for t in temuan if t.blok]


def peringatan_dari(temuan: list[Temuan]) -> list[Temuan]:
    return [t for t in temuan if not t.blok]
