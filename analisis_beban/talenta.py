"""The talent pool (9-box, PermenPAN-RB 3/2020) and, for boxes 7–9, the higher-kelas positions
with a shortage in the ABK for which each person is eligible, with the reasons.

Lives here rather than in `pegawai` because it reads the ABK results (the shortage). Placement is
`pegawai.selectors.talenta_pegawai` (kinerja from the last two SKP, potensi from assessments);
the competency gap is `pegawai.kompetensi.kesenjangan`. Everything is scoped with `for_user`:
an agency head sees their agency's people and positions.

A suggested position must: be active, have a shortage (selisih < 0) in the period read, have a
higher kelas jabatan than the person's current one, accept the person's education and field of
study, and have its required certifications held and valid. Grade outside the range, a
competency gap or training not followed leave it in the list, each named as a point to weigh.
Moves blocked by the person's own state (disciplinary process, study leave …) suggest nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from instansi.choices import Golongan, Pendidikan
from instansi.models import Jabatan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan
from pegawai import kompetensi as rumus
from pegawai.models import Pegawai
from pegawai.models_kompetensi import KotakTalenta, PengaturanKompetensi
from pegawai.selectors import fakta_pegawai, standar_jabatan, talenta_pegawai, tata_letak_9_kotak

from .models import HasilABK, PeriodeABK
from .selectors import periode_berlaku

SARAN_PER_ORANG = 5


def pegawai_dalam_cakupan(user, instansi_id: int | None = None) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.for_user(user).filter(aktif=True, jabatan__isnull=False)
    if instansi_id:
        qs = qs.filter(jabatan__unit_kerja__instansi_id=instansi_id)
    return qs


def grid_talenta(user, *, instansi_id: int | None = None) -> dict:
    """The 9-box grid of the people in scope: each box with its label and count, laid out as the
    regulation draws it (kinerja rows di atas → di bawah, potensi columns rendah → tinggi), plus
    how many could not be placed and why. About eight queries whatever the number of people."""
    ids = list(pegawai_dalam_cakupan(user, instansi_id).values_list("pk", flat=True))
    kotak = {k.nomor: k for k in KotakTalenta.objects.all()}
    tata = tata_letak_9_kotak_dari(kotak)
    talenta = talenta_pegawai(ids, tata_letak=tata)
    hitung = Counter(t.kotak for t in talenta.values())
    baris = []
    for kinerja in (rumus.DI_ATAS, rumus.SESUAI, rumus.DI_BAWAH):
        sel = []
        for potensi in rumus.POTENSI:
            nomor = tata[(kinerja, potensi)]
            sel.append({"nomor": nomor, "kotak": kotak.get(nomor), "jumlah": hitung.get(nomor, 0)})
        baris.append({"kinerja": kinerja, "sel": sel})
    return {
        "baris": baris,
        "jumlah_pegawai": len(ids),
        "terpetakan": len(ids) - hitung.get(None, 0),
        "talent_pool": sum(hitung.get(n, 0) for n in rumus.KOTAK_TALENT_POOL),
        "tanpa_skp": sum(1 for t in talenta.values() if t.kinerja is None),
        "tanpa_asesmen": sum(1 for t in talenta.values() if t.kinerja and t.potensi is None),
    }


def tata_letak_9_kotak_dari(kotak: dict[int, KotakTalenta]) -> dict[tuple[str, str], int]:
    tata = {(k.kinerja, k.potensi): k.nomor for k in kotak.values()}
    return tata if len(tata) == 9 else dict(rumus.TATA_LETAK_9_KOTAK)


def orang_dalam_kotak(user, nomor: int, *, instansi_id: int | None = None) -> list:
    """(pegawai id, Talenta) of the people in one box, best first (mean assessed level, then
    id); the page fetches the pegawai of the page it shows."""
    ids = pegawai_dalam_cakupan(user, instansi_id).values_list("pk", flat=True)
    talenta = talenta_pegawai(list(ids), tata_letak=tata_letak_9_kotak())
    dipilih = [(pk, t) for pk, t in talenta.items() if t.kotak == nomor]
    dipilih.sort(key=lambda pt: (-(pt[1].rata_level or 0), pt[0]))
    return dipilih


def lengkapi_orang(user, baris: list, *, nomor: int, periode: PeriodeABK | None = None) -> list:
    """The rows of one page of a box: the pegawai with their jabatan, their 9-box inputs and,
    for boxes 7–9, the suggested positions."""
    pegawai = {
        p.pk: p
        for p in Pegawai.objects.filter(pk__in=[pk for pk, _ in baris]).select_related(
            "jabatan__unit_kerja__instansi"
        )
    }
    hasil = [{"pegawai": pegawai[pk], "talenta": t} for pk, t in baris if pk in pegawai]
    if nomor in rumus.KOTAK_TALENT_POOL:
        saran = saran_posisi(user, [o["pegawai"] for o in hasil], periode=periode)
        for o in hasil:
            o["saran"] = saran[o["pegawai"].pk]
    return hasil


# --- suggestions for the talent pool --------------------------------------------------------


@dataclass
class Saran:
    """One position suggested for one person, with why it fits and what to weigh."""

    jabatan: Jabatan
    kekurangan: int
    periode: int
    alasan: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def urutan(self):
        return (len(self.catatan), -self.kekurangan, self.jabatan.kelas_jabatan, self.jabatan.pk)


def _label_golongan(g) -> str:
    return Golongan(g).label if g in Golongan.values else str(g)


def _periode(periode: PeriodeABK | None) -> PeriodeABK | None:
    return periode or periode_berlaku()


def posisi_kurang(user, periode: PeriodeABK) -> list[tuple[Jabatan, int]]:
    """Active positions in scope with a shortage in `periode`: (jabatan, how many short)."""
    return [
        (h.jabatan, -h.selisih)
        for h in HasilABK.objects.for_user(user)
        .filter(periode=periode, selisih__lt=0, jabatan__aktif=True)
        .select_related("jabatan__unit_kerja__instansi")
        .order_by("selisih", "jabatan_id")
    ]


def saran_posisi(
    user,
    pegawai_list: list[Pegawai],
    *,
    periode: PeriodeABK | None = None,
    tanggal: datetime.date | None = None,
    per_orang: int = SARAN_PER_ORANG,
) -> dict[int, list[Saran]]:
    """For each pegawai: up to `per_orang` higher-kelas positions in shortage they are eligible
    for, best first. A constant number of queries for any number of people."""
    periode = _periode(periode)
    if periode is None or not pegawai_list:
        return {p.pk: [] for p in pegawai_list}
    tanggal = tanggal or timezone.localdate()
    kurang = posisi_kurang(user, periode)
    pengaturan = PengaturanKompetensi.muat()
    standar = standar_jabatan(j.pk for j, _ in kurang)
    fakta = fakta_pegawai([p.pk for p in pegawai_list], tanggal)
    nama_kompetensi = dict(Kompetensi.objects.values_list("pk", "kode"))
    nama_sertifikasi = dict(JenisSertifikasi.objects.values_list("pk", "nama"))
    nama_pelatihan = dict(ProgramPelatihan.objects.values_list("pk", "nama"))
    hasil: dict[int, list[Saran]] = {}
    for p in pegawai_list:
        daftar: list[Saran] = []
        kelas = p.jabatan.kelas_jabatan if p.jabatan_id else 0
        if not p.hambatan_mutasi:
            for jabatan, jumlah in kurang:
                if jabatan.kelas_jabatan <= kelas or jabatan.pk == p.jabatan_id:
                    continue
                saran = _nilai(
                    p,
                    jabatan,
                    jumlah,
                    periode.tahun,
                    standar[jabatan.pk],
                    fakta[p.pk],
                    pengaturan,
                    (nama_kompetensi, nama_sertifikasi, nama_pelatihan),
                    kelas,
                )
                if saran is not None:
                    daftar.append(saran)
        daftar.sort(key=lambda s: s.urutan)
        hasil[p.pk] = daftar[:per_orang]
    return hasil


def _nilai(p, jabatan, jumlah, tahun, standar, fakta, pengaturan, nama, kelas) -> Saran | None:
    """The reasons a person fits a position, or None when they are not eligible for it."""
    nama_kompetensi, nama_sertifikasi, nama_pelatihan = nama
    if jabatan.pendidikan_minimal and p.pendidikan < jabatan.pendidikan_minimal:
        return None
    bidang = jabatan.daftar_bidang_studi
    bidang_pegawai = " ".join(p.bidang_studi.lower().split())
    if bidang and bidang_pegawai not in {" ".join(b.lower().split()) for b in bidang}:
        return None
    gap = rumus.kesenjangan(standar, fakta)
    if not gap.memenuhi_sertifikasi:
        return None
    saran = Saran(jabatan=jabatan, kekurangan=jumlah, periode=tahun)
    saran.alasan.append(f"Menurut ABK {tahun}, jabatan ini kekurangan {jumlah} pegawai.")
    saran.alasan.append(f"Kelas jabatan naik dari {kelas} ke {jabatan.kelas_jabatan}.")
    if jabatan.pendidikan_minimal:
        saran.alasan.append(
            f"Pendidikan {Pendidikan(p.pendidikan).label} memenuhi minimal "
            f"{Pendidikan(jabatan.pendidikan_minimal).label}."
        )
    if bidang:
        saran.alasan.append(f"Bidang studi {p.bidang_studi} sesuai.")
    for s in sorted(standar.sertifikasi):
        saran.alasan.append(f"{nama_sertifikasi.get(s, s)} masih berlaku.")
    if standar.kompetensi and not gap.kompetensi_terukur and not gap.belum_dinilai:
        saran.alasan.append("Kompetensi memenuhi standar jabatan.")
    g, mn, mx = p.golongan, jabatan.golongan_minimal, jabatan.golongan_maksimal

    def sejenis(b):
        return bool(b) and (g > 100) == (b > 100)

    if (sejenis(mn) and g < mn) or (sejenis(mx) and g > mx):
        rentang = "–".join(_label_golongan(x) for x in (mn, mx) if x)
        saran.catatan.append(f"Golongan {_label_golongan(g)} di luar rentang {rentang}.")
    lebih = gap.melebihi(pengaturan.toleransi_kesenjangan)
    if lebih:
        saran.catatan.append(
            "Kompetensi di bawah standar: "
            + ", ".join(f"{nama_kompetensi.get(k, k)} kurang {v}" for k, v in sorted(lebih.items()))
            + "."
        )
    if gap.belum_dinilai:
        saran.catatan.append(
            "Belum dinilai: "
            + ", ".join(sorted(nama_kompetensi.get(k, "?") for k in gap.belum_dinilai))
            + "."
        )
    if gap.pelatihan_kurang:
        saran.catatan.append(
            "Belum mengikuti "
            + ", ".join(sorted(nama_pelatihan.get(x, "?") for x in gap.pelatihan_kurang))
            + "."
        )
    return saran
