"""Demo transfer proposals in every state, made through the real services so each has its
timeline, due dates and documents exactly as the users would produce them.

Mostly between Dinas Kesehatan and Dinas Pendidikan, so `kepala_dinkes` and `kepala_disdik`
both find something in "Menunggu tindakan saya"; `bkpsdm`, `tim_penilai` and `ppk` too.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from instansi.models import Instansi, Jabatan
from pegawai.models import Pegawai
from usulan_mutasi import services
from usulan_mutasi.choices import AlasanMutasi, JenisMutasi, StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi
from usulan_mutasi.rules import blok_dari, periksa_kelayakan
from usulan_mutasi.selectors import kelengkapan_dokumen

S = StatusUsulan

# A one-page PDF ("Dokumen contoh") that opens in any reader: the demo's uploaded scans.
PDF_CONTOH = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 72 760 Td (Dokumen contoh) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _unggah_dokumen_wajib(usulan, pengusul, bkpsdm=None) -> None:
    """Upload every mandatory document the proposer must provide; with `bkpsdm`, accept them all
    ("semua sesuai") as the verification would."""
    for baris in kelengkapan_dokumen(usulan):
        if baris["wajib"] and not baris["sistem"]:
            services.dokumen_unggah(
                usulan=usulan,
                jenis_dokumen=baris["jenis"],
                berkas=ContentFile(PDF_CONTOH, name=f"{baris['jenis'].kode}.pdf"),
                actor=pengusul,
            )
    if bkpsdm is not None:
        services.dokumen_verifikasi_semua(usulan=usulan, actor=bkpsdm)


# Target state, how many, and the route each takes. Routes name the services in order.
RENCANA = [
    (S.DRAF, 2),
    (S.DIAJUKAN, 3),
    (S.PERSETUJUAN_ASAL, 3),
    (S.PERSETUJUAN_TUJUAN, 3),
    (S.PERTIMBANGAN_TIM, 2),
    (S.KEPUTUSAN_PPK, 2),
    (S.DISETUJUI, 3),
    (S.DALAM_SK, 2),
    (S.BERLAKU, 2),
    (S.DIKEMBALIKAN, 2),
    (S.DITOLAK, 1),
    (S.DIBATALKAN, 1),
]
URUTAN_SETUJU = [
    S.DIAJUKAN,
    S.PERSETUJUAN_ASAL,
    S.PERSETUJUAN_TUJUAN,
    S.PERTIMBANGAN_TIM,
    S.KEPUTUSAN_PPK,
    S.DISETUJUI,
]
JUSTIFIKASI = [
    "Unit tujuan kekurangan tenaga sesuai hasil ABK; unit asal kelebihan.",
    "Pemerataan tenaga kesehatan ke sekolah yang membutuhkan UKS.",
    "Pengembangan karier sesuai kompetensi dan pendidikan terakhir pegawai.",
    "Penyegaran setelah lebih dari lima tahun di jabatan yang sama.",
]


@dataclass
class HasilDemoUsulan:
    usulan: int = 0
    sk: int = 0


def usulan_demo_sudah_ada() -> bool:
    return UsulanMutasi.objects.exists()


def _pengguna():
    User = get_user_model()
    nama = ["bkpsdm", "operator_dinkes", "kepala_dinkes", "kepala_disdik", "tim_penilai", "ppk"]
    users = {u.username: u for u in User.objects.filter(username__in=nama)}
    hilang = set(nama) - set(users)
    if hilang:
        raise RuntimeError(f"Pengguna demo belum ada: {', '.join(sorted(hilang))}")
    return users


def _kandidat(instansi_asal, instansi_tujuan, rng, jumlah):
    """Pairs (pegawai of the origin, jabatan of the destination) that no rule blocks."""
    tujuan = list(
        Jabatan.objects.filter(unit_kerja__instansi=instansi_tujuan, aktif=True)
        .select_related("unit_kerja")
        .order_by("pk")[:400]
    )
    pegawai = list(
        Pegawai.objects.filter(
            jabatan__unit_kerja__instansi=instansi_asal,
            aktif=True,
            proses_disiplin=False,
            tugas_belajar=False,
            cuti_luar_tanggungan=False,
            temuan_inspektorat=False,
            usulan_mutasi__isnull=True,
            # Long enough in post that the SK's TMT (a week ago) comes after it.
            tmt_jabatan__lte=timezone.localdate() - datetime.timedelta(days=200),
        )
        .select_related("jabatan__unit_kerja")
        .order_by("pk")[:600]
    )
    rng.shuffle(pegawai)
    hasil = []
    for p in pegawai:
        if len(hasil) >= jumlah:
            break
        cocok = [
            j for j in tujuan if not j.pendidikan_minimal or j.pendidikan_minimal <= p.pendidikan
        ]
        if not cocok:
            continue
        jabatan = rng.choice(cocok)
        percobaan = UsulanMutasi(
            pegawai=p,
            jenis=JenisMutasi.ANTAR_OPD,
            jabatan_asal=p.jabatan,
            jabatan_tujuan=jabatan,
        )
        if not blok_dari(periksa_kelayakan(percobaan)):
            hasil.append((p, jabatan))
    return hasil


@transaction.atomic
def buat_usulan_demo(*, seed: int = 2026) -> HasilDemoUsulan:
    """Create a couple of proposals per state (idempotent: nothing when proposals exist)."""
    if usulan_demo_sudah_ada():
        return HasilDemoUsulan()
    rng = random.Random(seed)
    u = _pengguna()
    dinkes = Instansi.objects.get(kode="DINKES")
    disdik = Instansi.objects.get(kode="DISDIK")
    pelaku_tahap = {
        S.DIAJUKAN: u["bkpsdm"],
        S.PERSETUJUAN_ASAL: None,  # filled per proposal: the head of the origin
        S.PERSETUJUAN_TUJUAN: None,
        S.PERTIMBANGAN_TIM: u["tim_penilai"],
        S.KEPUTUSAN_PPK: u["ppk"],
    }
    kepala = {dinkes.pk: u["kepala_dinkes"], disdik.pk: u["kepala_disdik"]}
    jumlah = sum(n for _, n in RENCANA)
    pasangan = _kandidat(dinkes, disdik, rng, (jumlah + 1) // 2 + 2) + _kandidat(
        disdik, dinkes, rng, jumlah // 2 + 2
    )
    rng.shuffle(pasangan)
    dibuat: dict[str, list[UsulanMutasi]] = {}
    for target, n in RENCANA:
        for _ in range(n):
            if not pasangan:
                break
            pegawai, jabatan = pasangan.pop()
            asal_id = pegawai.jabatan.unit_kerja.instansi_id
            # Dinas Kesehatan's operator proposes its own; BKPSDM proposes the rest.
            pengusul = u["operator_dinkes"] if asal_id == dinkes.pk else u["bkpsdm"]
            usulan = services.usulan_buat(
                pegawai=pegawai,
                jenis=JenisMutasi.ANTAR_OPD,
                alasan=rng.choice(
                    [
                        AlasanMutasi.PEMERATAAN,
                        AlasanMutasi.PENGEMBANGAN_KARIER,
                        AlasanMutasi.PENYEGARAN,
                    ]
                ),
                justifikasi=rng.choice(JUSTIFIKASI),
                jabatan_tujuan=jabatan,
                actor=pengusul,
            )
            if target != S.DRAF:
                # Submitted ones carry their documents; past verification, accepted.
                lanjut = target not in (S.DIAJUKAN, S.DIKEMBALIKAN, S.DITOLAK, S.DIBATALKAN)
                _unggah_dokumen_wajib(usulan, pengusul, u["bkpsdm"] if lanjut else None)
                usulan = services.usulan_ajukan(
                    usulan=usulan,
                    actor=pengusul,
                    justifikasi_peringatan="Telah dibahas dengan kedua kepala OPD.",
                )
            if target in (S.DIKEMBALIKAN, S.DITOLAK):
                fungsi = (
                    services.usulan_kembalikan
                    if target == S.DIKEMBALIKAN
                    else services.usulan_tolak
                )
                alasan = (
                    "Lengkapi SKP dua tahun terakhir dan surat persetujuan melepas."
                    if target == S.DIKEMBALIKAN
                    else "Unit asal akan kekurangan pegawai; tidak dapat dilepas tahun ini."
                )
                usulan = fungsi(usulan=usulan, alasan=alasan, actor=u["bkpsdm"])
            elif target == S.DIBATALKAN:
                usulan = services.usulan_batalkan(
                    usulan=usulan, actor=pengusul, alasan="Pegawai mengajukan pensiun dini."
                )
            elif target != S.DRAF:
                akhir = S.DISETUJUI if target in (S.DALAM_SK, S.BERLAKU) else target
                while usulan.status != akhir:
                    actor = pelaku_tahap.get(usulan.status)
                    if usulan.status == S.PERSETUJUAN_ASAL:
                        actor = kepala[usulan.instansi_asal_id]
                    elif usulan.status == S.PERSETUJUAN_TUJUAN:
                        actor = kepala[usulan.instansi_tujuan_id]
                    usulan = services.usulan_setujui(
                        usulan=usulan, actor=actor, catatan="Setuju sesuai kebutuhan organisasi."
                    )
            dibuat.setdefault(target, []).append(usulan)

    hari_ini = timezone.localdate()
    hasil = HasilDemoUsulan(usulan=sum(len(v) for v in dibuat.values()))
    if dibuat.get(S.BERLAKU):
        sk = services.sk_buat(
            usulan_ids=[x.pk for x in dibuat[S.BERLAKU]],
            tanggal=hari_ini - datetime.timedelta(days=14),
            tmt=hari_ini - datetime.timedelta(days=7),
            perihal="Mutasi Pegawai Negeri Sipil antar Perangkat Daerah",
            penandatangan_nama="Wali Kota Pematangsiantar",
            actor=u["bkpsdm"],
        )
        services.sk_tetapkan(sk=sk, actor=u["bkpsdm"])
        hasil.sk += 1
    if dibuat.get(S.DALAM_SK):
        services.sk_buat(
            usulan_ids=[x.pk for x in dibuat[S.DALAM_SK]],
            tanggal=hari_ini,
            tmt=hari_ini + datetime.timedelta(days=30),
            perihal="Mutasi Pegawai Negeri Sipil antar Perangkat Daerah",
            penandatangan_nama="Wali Kota Pematangsiantar",
            actor=u["bkpsdm"],
        )
        hasil.sk += 1
    # A few steps are overdue, so the "terlambat" list has something to show.
    for target in (S.PERSETUJUAN_ASAL, S.PERSETUJUAN_TUJUAN):
        for usulan in dibuat.get(target, [])[:1]:
            UsulanMutasi.objects.filter(pk=usulan.pk).update(
                tenggat=hari_ini - datetime.timedelta(days=3)
            )
    # Demo history is not news: mark its events as notified so seeding sends no email.
    PeristiwaUsulan.objects.filter(notifikasi_terkirim_pada__isnull=True).update(
        notifikasi_terkirim_pada=timezone.now()
    )
    return hasil
