"""Time of importing a 10,000-row pegawai .xlsx (read + validate + write) on PostgreSQL.

How to run (from the repository root; any PostgreSQL database you may write to):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE mutasi_asn_h1"   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_h1 \
        .venv/bin/python bench/bench_impor.py [--baris 10000]

It migrates the database, seeds the demo register (`buat_register_demo`, 6,000 pegawai) if it
holds fewer than 5,000 pegawai, then builds a file the way users send them: half the rows
update existing pegawai (one in five moves to another jabatan, grades written `III-a`/`IIIa`,
NIPs with and without spaces), half are new pegawai. It times reading the file, validating
every row, and writing everything in one transaction exactly as the commit task does, and
prints the figures. The transaction is rolled back at the end so the run can be repeated.
The bar (issue): under 30 s in total. Exit code 1 when it is missed.
"""

import argparse
import datetime
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django  # noqa: E402

BATAS_DETIK = 30.0


class _Batal(Exception):
    pass


def buat_berkas(jumlah: int, seed: int = 7) -> bytes:
    from openpyxl import Workbook

    from instansi.choices import Golongan, Pendidikan
    from instansi.models import Jabatan
    from pegawai.choices import StatusKepegawaian
    from pegawai.models import Pegawai

    rng = random.Random(seed)
    hari_ini = datetime.date.today()
    jabatan = list(Jabatan.objects.filter(aktif=True).values_list("pk", "kode"))
    kode_dari_pk = dict(jabatan)
    lama = list(
        Pegawai.objects.filter(status=StatusKepegawaian.PNS, jabatan__isnull=False)
        .order_by("pk")
        .values_list("nip", "nama", "golongan", "pendidikan", "jabatan_id", "tmt_jabatan")[
            : jumlah // 2
        ]
    )
    semua_nip = set(Pegawai.objects.values_list("nip", flat=True))

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")
    ws.append(
        [
            "NIP Baru",
            "Status",
            "Nama Lengkap",
            "Pangkat/Gol",
            "Pendidikan Terakhir",
            "Kode Jabatan",
            "TMT Jabatan",
        ]
    )

    def gol_teks(g):
        label = Golongan(g).label
        return rng.choice([label, label.replace("/", "-"), label.replace("/", "")])

    def nip_teks(nip):
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if rng.random() < 0.5 else nip

    for nip, nama, gol, pend, jab_id, tmt in lama:
        kode = kode_dari_pk[jab_id] if jab_id in kode_dari_pk else rng.choice(jabatan)[1]
        tmt_baru = ""
        if rng.random() < 0.2:
            kode = rng.choice(jabatan)[1]
            tmt_baru = max(tmt or hari_ini, hari_ini).strftime("%d/%m/%Y")
        if rng.random() < 0.3:
            nama = f"{nama} Br"
        ws.append(
            [nip_teks(nip), "PNS", nama, gol_teks(gol), Pendidikan(pend).label, kode, tmt_baru]
        )
    baru = jumlah - len(lama)
    dibuat = 0
    while dibuat < baru:
        lahir = datetime.date(rng.randint(1970, 2000), rng.randint(1, 12), rng.randint(1, 28))
        cpns = max(lahir.year + 20, 2000) + rng.randint(0, 5)
        nip = f"{lahir:%Y%m%d}{cpns}{rng.choice([1, 3, 4, 12]):02d}{rng.choice('12')}{rng.randint(1, 999):03d}"
        if nip in semua_nip:
            continue
        semua_nip.add(nip)
        ws.append(
            [
                nip_teks(nip),
                "PNS",
                f"Pegawai Impor {dibuat}",
                rng.choice(["III/a", "III-b", "IIIc", "II/c", "IV/a"]),
                rng.choice(["S1", "S-1", "D3", "SMA", "S2"]),
                rng.choice(jabatan)[1],
                "02/01/2026",
            ]
        )
        dibuat += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baris", type=int, default=10000)
    args = parser.parse_args(argv)

    url = siapkan_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from mutasi_asn.demo.register import buat_register_demo
    from mutasi_asn.impor_xlsx import baca_lembar
    from pegawai import impor_pegawai
    from pegawai.models import Pegawai, RiwayatJabatan

    if connection.vendor != "postgresql":
        print(f"DATABASE_URL bukan PostgreSQL ({url}); angka ini hanya berarti di PostgreSQL.")
    call_command("migrate", verbosity=0)
    if Pegawai.objects.count() < 5000:
        print("Menyemai register demo (6.000 pegawai)…")
        buat_register_demo(jumlah_pegawai=6000)
    data = buat_berkas(args.baris)
    print(f"Berkas: {args.baris} baris, {len(data) / 1024:.0f} KB; basis data {connection.vendor}.")

    pegawai_awal = Pegawai.objects.count()
    waktu = {}
    try:
        with CaptureQueriesContext(connection) as kueri, transaction.atomic():
            mulai = time.perf_counter()
            lembar = baca_lembar(data, impor_pegawai.KOLOM)
            waktu["baca"] = time.perf_counter() - mulai
            t = time.perf_counter()
            hasil = impor_pegawai.periksa(lembar, kunci=True)
            waktu["periksa"] = time.perf_counter() - t
            if hasil.galat:
                for g in hasil.galat[:20]:
                    print(f"  baris {g.baris} [{g.kolom}]: {g.pesan}")
                print(f"{hasil.jumlah_baris_galat} baris bermasalah: berkas uji tidak bersih.")
                return 1
            t = time.perf_counter()
            impor_pegawai.tulis(hasil, actor=None)
            waktu["tulis"] = time.perf_counter() - t
            waktu["total"] = time.perf_counter() - mulai
            bertambah = Pegawai.objects.count() - pegawai_awal
            pindah = len(hasil.rencana.pindah)
            riwayat = RiwayatJabatan.objects.count()
            raise _Batal
    except _Batal:
        pass
    print(
        f"{hasil.jumlah_baru} baru, {hasil.jumlah_ubah} diperbarui ({pindah} pindah jabatan), "
        f"{hasil.jumlah_tetap} tanpa perubahan; +{bertambah} pegawai; {riwayat} baris riwayat; "
        f"{len(kueri)} kueri SQL."
    )
    print(
        f"baca {waktu['baca']:.2f} s · periksa {waktu['periksa']:.2f} s · "
        f"tulis {waktu['tulis']:.2f} s · TOTAL {waktu['total']:.2f} s "
        f"(batas {BATAS_DETIK:.0f} s) — dibatalkan (rollback) agar dapat diulang."
    )
    return 0 if waktu["total"] < BATAS_DETIK else 1


if __name__ == "__main__":
    sys.exit(main())
