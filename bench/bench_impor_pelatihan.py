"""Time of importing a 10,000-row training (diklat) .xlsx, with row errors and all-or-nothing.

How to run (from the repository root; any PostgreSQL database you may write to):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE mutasi_asn_h1"   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_h1 \
        .venv/bin/python bench/bench_impor_pelatihan.py [--baris 10000]

It migrates the database, seeds the demo register (6,000 pegawai) if it holds fewer than 5,000,
then builds a file as BKPSDM would send it: 10,000 training rows of existing pegawai (NIPs with
and without spaces, kinds in any case, some with a required program's code). Two runs:

1. the same file with 1 % of the rows broken (unknown NIP, JP 0, an unknown kind, a year 1900):
   every bad row is reported with its row number and nothing is written (all-or-nothing);
2. the clean file: read, check every row and write everything (with its change history) in one
   transaction, as the commit task does.

Both are rolled back at the end so the run can be repeated. The bar (issue #10): the clean
import under 10 s in total. Exit code 1 when it is missed or the errors are not all reported.
"""

import argparse
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django  # noqa: E402

BATAS_DETIK = 10.0


class _Batal(Exception):
    pass


def buat_berkas(jumlah: int, *, rusak: int = 0, seed: int = 7) -> tuple[bytes, set[int]]:
    """The file, and the row numbers (as Excel counts them) that were broken on purpose."""
    from openpyxl import Workbook

    from pegawai.models import Pegawai

    rng = random.Random(seed)
    nip = list(Pegawai.objects.order_by("pk").values_list("nip", flat=True))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Diklat")
    ws.append(["NIP Baru", "Nama Diklat", "Jenis", "JP", "Tahun", "Penyelenggara", "Kode program"])
    nama = [
        ("Pelatihan Pelayanan Prima", "Teknis", ""),
        ("Bimbingan Teknis Penyusunan SKP", "teknis", ""),
        ("Pelatihan Kepemimpinan Pengawas (PKP)", "KEPEMIMPINAN", "PKP"),
        ("Pelatihan Fungsional Perawat", "Fungsional", "JF-PERAWAT"),
        ("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "Teknis", "PBJ-DASAR"),
    ]
    dipakai = set()
    rusak_di = set(rng.sample(range(jumlah), rusak)) if rusak else set()
    baris_rusak = set()
    for i in range(jumlah):
        while True:
            n = rng.choice(nip)
            judul, jenis, kode = rng.choice(nama)
            tahun = rng.randint(2015, 2026)
            if (n, judul, tahun) not in dipakai:
                dipakai.add((n, judul, tahun))
                break
        teks_nip = f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if rng.random() < 0.5 else n
        baris = [
            teks_nip,
            f"{judul} Angkatan {i}",
            jenis,
            rng.choice([8, 16, 24, 40, 120]),
            tahun,
            "BPSDM Provinsi Sumatera Utara",
            kode,
        ]
        if i in rusak_di:
            rusak_ke = i % 4
            if rusak_ke == 0:
                baris[0] = "19990101 202001 1 999"
            elif rusak_ke == 1:
                baris[3] = 0
            elif rusak_ke == 2:
                baris[2] = "Seminar"
            else:
                baris[4] = 1900
            baris_rusak.add(i + 2)
        ws.append(baris)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), baris_rusak


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
    from pegawai import impor_kompetensi as impor
    from pegawai.models import Pegawai
    from pegawai.models_kompetensi import RiwayatPelatihan

    if connection.vendor != "postgresql":
        print(f"DATABASE_URL bukan PostgreSQL ({url}); angka ini hanya berarti di PostgreSQL.")
    call_command("migrate", verbosity=0)
    if Pegawai.objects.count() < 5000:
        print("Menyemai register demo (6.000 pegawai)…")
        buat_register_demo(jumlah_pegawai=6000)
    kolom = impor.KOLOM_PELATIHAN
    awal = RiwayatPelatihan.objects.count()

    # 1. A file with broken rows: every one reported, nothing written.
    data, rusak = buat_berkas(args.baris, rusak=args.baris // 100)
    mulai = time.perf_counter()
    with transaction.atomic():
        hasil = impor.periksa_pelatihan(baca_lembar(data, kolom), kunci=True)
    detik_galat = time.perf_counter() - mulai
    dilaporkan = {g.baris for g in hasil.galat}
    semua_dilaporkan = dilaporkan == rusak
    print(
        f"Berkas dengan {len(rusak)} baris rusak: {len(dilaporkan)} baris dilaporkan "
        f"({'semua' if semua_dilaporkan else 'TIDAK SESUAI'}), contoh: "
        f"baris {hasil.galat[0].baris}: {hasil.galat[0].pesan} — {detik_galat:.2f} s; "
        f"tidak ada yang disimpan ({RiwayatPelatihan.objects.count() - awal} baris baru)."
    )

    # 2. The clean file: read, check, write in one transaction (rolled back afterwards).
    data, _ = buat_berkas(args.baris)
    waktu = {}
    try:
        with CaptureQueriesContext(connection) as kueri, transaction.atomic():
            mulai = time.perf_counter()
            lembar = baca_lembar(data, kolom)
            waktu["baca"] = time.perf_counter() - mulai
            t = time.perf_counter()
            hasil = impor.periksa_pelatihan(lembar, kunci=True)
            waktu["periksa"] = time.perf_counter() - t
            if hasil.galat:
                for g in hasil.galat[:10]:
                    print(f"  baris {g.baris} [{g.kolom}]: {g.pesan}")
                print("Berkas uji tidak bersih.")
                return 1
            t = time.perf_counter()
            impor.KONTRAK_PELATIHAN.tulis(hasil, actor=None)
            waktu["tulis"] = time.perf_counter() - t
            waktu["total"] = time.perf_counter() - mulai
            bertambah = RiwayatPelatihan.objects.count() - awal
            raise _Batal
    except _Batal:
        pass
    print(
        f"Berkas bersih {args.baris} baris ({len(data) / 1024:.0f} KB): {hasil.jumlah_baru} baru, "
        f"+{bertambah} riwayat pelatihan; {len(kueri)} kueri SQL."
    )
    print(
        f"baca {waktu['baca']:.2f} s · periksa {waktu['periksa']:.2f} s · "
        f"tulis {waktu['tulis']:.2f} s · TOTAL {waktu['total']:.2f} s "
        f"(batas {BATAS_DETIK:.0f} s) — dibatalkan (rollback) agar dapat diulang."
    )
    return 0 if waktu["total"] < BATAS_DETIK and semua_dilaporkan else 1


if __name__ == "__main__":
    sys.exit(main())
