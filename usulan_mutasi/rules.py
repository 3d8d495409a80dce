"""Eligibility of a transfer, checked when a proposal is submitted (and shown while drafting).

A *blok* stops the submission; a *peringatan* lets it through only with a written justification.
Every message says, in Indonesian, what is wrong so the proposer knows what to fix.

The checks are about a pair, one pegawai × one destination jabatan (`Pasangan`), and need no
saved proposal: `periksa_pasangan(pegawai, jabatan)` answers "may this person go there?" for a
plan of many moves, `periksa_kelayakan(usulan)` answers it for one proposal. Each check is a small
function of the pair yielding its findings; `CEK` lists them in the order they are reported.
The conditions on the person and the pair are declared once in `aturan.py`, where each also has
a vector reading that the rebalancing plan applies to millions of pairs at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.utils import timezone

from instansi.models import Jabatan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan
from pegawai.kompetensi import FaktaPegawai as FaktaKompetensi
from pegawai.kompetensi import Kesenjangan, StandarJabatan, kesenjangan
from pegawai.models import Pegawai
from pegawai.models_kompetensi import PengaturanKompetensi, SertifikasiPegawai
from pegawai.selectors import fakta_pegawai as fakta_kompetensi
from pegawai.selectors import standar_jabatan

from .aturan import (
    ATURAN_PER_KODE,
    BLOK,
    PASANGAN,
    PERINGATAN,
    FaktaJabatan,
    FaktaPegawai,
    Konteks,
    daftar_bidang,
    normal_bidang,
    rumpun_jabatan,
    tambah_bulan,
)
from .choices import STATUS_BERJALAN, JenisMutasi
from .models import PengaturanMutasi, UsulanMutasi
from .selectors import dampak_usulan, keterangan_usulan_lain

__all__ = ["BLOK", "PERINGATAN", "Temuan", "periksa_kelayakan", "tambah_bulan"]


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
    def fakta(self) -> FaktaPegawai:
        """The person as the declared rules read them (one query: another proposal in progress)."""
        qs = UsulanMutasi.objects.filter(pegawai_id=self.pegawai.pk, status__in=STATUS_BERJALAN)
        if self.kecuali_usulan_pk is not None:
            qs = qs.exclude(pk=self.kecuali_usulan_pk)
        lain = qs.values_list("pk", "nomor").first()
        return fakta_pegawai(
            self.pegawai,
            jabatan_asal=self.jabatan_asal,
            usulan_lain=None if lain is None else (lain[1] or "-"),
            pengaturan=self.pengaturan,
        )

    @cached_property
    def fakta_tujuan(self) -> FaktaJabatan | None:
        return fakta_jabatan(self.tujuan) if self.tujuan is not None else None

    @cached_property
    def konteks(self) -> Konteks:
        return Konteks(
            hari_ini=self.hari_ini,
            masa_jabatan_minimal_bulan=self.pengaturan.masa_jabatan_minimal_bulan,
            cek_masa_jabatan=self.jenis != JenisMutasi.MASUK,
            batas_turun_kelas=self.pengaturan.batas_turun_kelas,
        )

    @cached_property
    def kompetensi(self) -> KompetensiPasangan | None:
        """The pegawai's competency gap against the destination (about seven queries)."""
        return kompetensi_pasangan(self.pegawai, self.tujuan, self.hari_ini)

    @cached_property
    def dampak(self) -> dict:
        """ABK impact of the move, the other proposals under way counted in (two-three queries)."""
        return dampak_usulan(
            jabatan_asal=self.jabatan_asal if self.jenis != JenisMutasi.MASUK else None,
            jabatan_tujuan=self.tujuan,
            kecuali_pk=self.kecuali_usulan_pk,
        )


Cek = Callable[[Pasangan], Iterable[Temuan]]


# --- the declared rules (aturan.py): the same conditions the rebalancing plan applies -------


def fakta_jabatan(jabatan: Jabatan) -> FaktaJabatan:
    return FaktaJabatan(
        id=jabatan.pk,
        jenis=jabatan.jenis,
        rumpun=rumpun_jabatan(jabatan.nama, jabatan.jenis),
        nama=normal_bidang(jabatan.nama),
        kelas=jabatan.kelas_jabatan or 0,
        pendidikan_minimal=jabatan.pendidikan_minimal or 0,
        bidang_studi=daftar_bidang(jabatan.bidang_studi),
        golongan_minimal=jabatan.golongan_minimal or 0,
        golongan_maksimal=jabatan.golongan_maksimal or 0,
    )


def boleh_pindah_sejak(tmt_jabatan: datetime.date | None, minimal_bulan: int):
    """The first day the minimum time in position is met (None when the TMT is unknown)."""
    return tambah_bulan(tmt_jabatan, minimal_bulan) if tmt_jabatan else None


def fakta_pegawai(
    pegawai: Pegawai,
    *,
    jabatan_asal: Jabatan | None,
    usulan_lain: str | None,
    pengaturan: PengaturanMutasi,
) -> FaktaPegawai:
    return FaktaPegawai(
        aktif=pegawai.aktif,
        proses_disiplin=pegawai.proses_disiplin,
        tugas_belajar=pegawai.tugas_belajar,
        cuti_luar_tanggungan=pegawai.cuti_luar_tanggungan,
        temuan_inspektorat=pegawai.temuan_inspektorat,
        usulan_lain=usulan_lain,
        jabatan_asal_id=jabatan_asal.pk if jabatan_asal else None,
        jenis_asal=jabatan_asal.jenis if jabatan_asal else "",
        rumpun_asal=rumpun_jabatan(jabatan_asal.nama, jabatan_asal.jenis) if jabatan_asal else "",
        nama_asal=normal_bidang(jabatan_asal.nama) if jabatan_asal else "",
        kelas_asal=(jabatan_asal.kelas_jabatan or 0) if jabatan_asal else 0,
        pendidikan=pegawai.pendidikan or 0,
        bidang_studi=normal_bidang(pegawai.bidang_studi),
        golongan=pegawai.golongan or 0,
        tmt_jabatan=pegawai.tmt_jabatan,
        boleh_pindah_sejak=boleh_pindah_sejak(
            pegawai.tmt_jabatan, pengaturan.masa_jabatan_minimal_bulan
        ),
        tanggal_pensiun=pegawai.tanggal_pensiun,
    )


def _cek_aturan(*kode: str) -> Cek:
    """A check made of declared rules (their per-pair reading), in declaration order."""
    aturan = [ATURAN_PER_KODE[k] for k in kode]

    def cek(p: Pasangan) -> Iterator[Temuan]:
        tujuan = p.fakta_tujuan
        for a in aturan:
            if a.tingkat == PASANGAN and tujuan is None:
                continue
            if a.cek(p.fakta, tujuan, p.konteks):
                yield Temuan(a.kode, a.pesan(p.fakta, tujuan, p.konteks), a.jenis)

    cek.__name__ = f"cek_{'_'.join(kode)}"
    return cek


# Blocks.
cek_keadaan_pegawai = _cek_aturan(
    "pegawai_tidak_aktif",
    "proses_disiplin",
    "tugas_belajar",
    "cuti_luar_tanggungan",
    "temuan_inspektorat",
)
cek_usulan_lain = _cek_aturan("usulan_lain_berjalan")  # also a database constraint
cek_tujuan_sama = _cek_aturan("tujuan_sama_dengan_asal")
cek_pendidikan = _cek_aturan("pendidikan_kurang")
# Warnings.
cek_masa_jabatan = _cek_aturan("masa_jabatan_kurang")
cek_pensiun = _cek_aturan("pensiun_dekat")
cek_golongan = _cek_aturan("golongan_di_luar_rentang")
cek_kesesuaian_jabatan = _cek_aturan(
    "kelas_jabatan_turun",
    "bidang_studi_tidak_sesuai",
    "jenis_jabatan_berbeda",
    "rumpun_fungsional_berbeda",
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


# --- competencies, certifications and training (the pure gap: pegawai/kompetensi.py) -------
# Thresholds are settings (PengaturanKompetensi, in admin): the competency gap tolerated per
# competency and how many days before its end a required certification is flagged.


@dataclass(frozen=True)
class KompetensiPasangan:
    kesenjangan: Kesenjangan
    standar: StandarJabatan
    fakta: FaktaKompetensi
    pengaturan: PengaturanKompetensi
    sertifikasi: list  # the pegawai's SertifikasiPegawai rows of the required kinds


def kompetensi_pasangan(
    pegawai: Pegawai, tujuan: Jabatan | None, hari_ini: datetime.date
) -> KompetensiPasangan | None:
    if tujuan is None:
        return None
    standar = standar_jabatan([tujuan.pk])[tujuan.pk]
    fakta = fakta_kompetensi([pegawai.pk], hari_ini)[pegawai.pk]
    sertifikasi = list(
        SertifikasiPegawai.objects.filter(
            pegawai_id=pegawai.pk, jenis_sertifikasi_id__in=standar.sertifikasi
        )
        .select_related("jenis_sertifikasi")
        .order_by("-berlaku_sampai")
        if standar.sertifikasi
        else []
    )
    return KompetensiPasangan(
        kesenjangan=kesenjangan(standar, fakta),
        standar=standar,
        fakta=fakta,
        pengaturan=PengaturanKompetensi.muat(),
        sertifikasi=sertifikasi,
    )


def cek_sertifikasi(p: Pasangan) -> Iterator[Temuan]:
    """A required certification missing or no longer valid blocks the move (an expired STR to a
    nurse post); one ending soon is a warning."""
    k = p.kompetensi
    if k is None or not k.standar.sertifikasi:
        return
    gap = k.kesenjangan
    nama = {
        j.pk: str(j) for j in JenisSertifikasi.objects.filter(pk__in=gap.sertifikasi_tidak_berlaku)
    }
    for jenis_id in sorted(gap.sertifikasi_kedaluwarsa):
        akhir = max(
            (
                s.berlaku_sampai
                for s in k.sertifikasi
                if s.jenis_sertifikasi_id == jenis_id and s.berlaku_sampai
            ),
            default=None,
        )
        sejak = f" sejak {akhir:%d/%m/%Y}" if akhir else ""
        yield _blok(
            "sertifikasi_kedaluwarsa",
            f"{nama[jenis_id]} pegawai sudah tidak berlaku{sejak}, padahal disyaratkan jabatan "
            f"tujuan ({p.tujuan}); catat {nama[jenis_id]} yang masih berlaku di profil pegawai "
            "terlebih dahulu.",
        )
    for jenis_id in sorted(gap.sertifikasi_kurang):
        yield _blok(
            "sertifikasi_tidak_ada",
            f"Jabatan tujuan ({p.tujuan}) mensyaratkan {nama[jenis_id]}, yang belum tercatat "
            "dimiliki pegawai; catat sertifikatnya di profil pegawai terlebih dahulu.",
        )
    batas = p.hari_ini + datetime.timedelta(days=k.pengaturan.sertifikasi_hampir_habis_hari)
    for s in k.sertifikasi:
        if s.berlaku_pada(p.hari_ini) and s.berlaku_sampai and s.berlaku_sampai <= batas:
            yield _peringatan(
                "sertifikasi_hampir_habis",
                f"{s.jenis_sertifikasi} pegawai ({s.nomor}) berakhir pada "
                f"{s.berlaku_sampai:%d/%m/%Y}; pastikan diperpanjang.",
            )


def cek_kompetensi(p: Pasangan) -> Iterator[Temuan]:
    """A measured competency gap above the tolerance is a warning needing justification."""
    k = p.kompetensi
    if k is None:
        return
    lebih = k.kesenjangan.melebihi(k.pengaturan.toleransi_kesenjangan)
    if not lebih:
        return
    kompetensi = {x.pk: x for x in Kompetensi.objects.filter(pk__in=lebih)}
    rincian = "; ".join(
        f"{kompetensi[i]} level {k.fakta.kompetensi[i]}, standar {k.standar.kompetensi[i]}"
        for i in sorted(lebih, key=lambda i: kompetensi[i].kode)
    )
    yield _peringatan(
        "kesenjangan_kompetensi",
        f"Kompetensi pegawai di bawah standar jabatan tujuan: {rincian}.",
    )


def cek_pelatihan(p: Pasangan) -> Iterator[Temuan]:
    """Required training not followed yet is a warning needing justification."""
    k = p.kompetensi
    if k is None or not k.kesenjangan.pelatihan_kurang:
        return
    nama = ", ".join(
        str(x)
        for x in ProgramPelatihan.objects.filter(pk__in=k.kesenjangan.pelatihan_kurang).order_by(
            "nama"
        )
    )
    yield _peringatan(
        "pelatihan_belum_diikuti",
        f"Pegawai belum mengikuti pelatihan yang disyaratkan jabatan tujuan: {nama}.",
    )


# Every check, in the order findings are reported (blocks are listed first regardless).
CEK: tuple[Cek, ...] = (
    cek_keadaan_pegawai,
    cek_usulan_lain,
    cek_tujuan_sama,
    cek_pendidikan,
    cek_sertifikasi,
    cek_masa_jabatan,
    cek_pensiun,
    cek_abk,
    cek_golongan,
    cek_kesesuaian_jabatan,
    cek_kompetensi,
    cek_pelatihan,
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
