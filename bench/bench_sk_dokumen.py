"""The decree of a 200-employee batch as DOCX (bar: under 2 s) and as PDF (bar: under 15 s).

How to run (from the repository root):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE mutasi_asn_bench"   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_sk_dokumen.py [--pegawai 200] [--n 5]

It writes its own agencies, 200 employees with gelar, 200 approved proposals and one decree in a
transaction that is rolled back at the end (the database keeps nothing), then measures
`dokumen.docx_sk` (the whole Keputusan Wali Kota with its lampiran: query, render, QR code) N
times, all the petikan once, and the conversion of the decree to PDF by LibreOffice headless
(`dokumen.docx_ke_pdf`, a fresh soffice process each time, as the Celery task does). Prints
p50 / max and the PDF's page count; exit code 1 when a bar is missed, 0 with a note when
soffice is not installed (PDF not measured).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django  # noqa: E402

BATAS_DOCX_S = 2.0
BATAS_PDF_S = 15.0


class _Batal(Exception):
    pass


def _data(n: int):
    from django.contrib.auth.models import Group

    from instansi.choices import Golongan, JenisJabatan, JenisUnit, Pendidikan
    from instansi.models import Instansi, Jabatan, UnitKerja
    from mutasi_asn.akun.models import Pengguna
    from mutasi_asn.akun.roles import Peran
    from mutasi_asn.akun.services import peran_sinkronkan
    from pegawai.models import Pegawai, RiwayatJabatan
    from usulan_mutasi import services
    from usulan_mutasi.models import UsulanMutasi

    peran_sinkronkan()
    bkpsdm = Pengguna.objects.create(username="bench-sk-bkpsdm")
    bkpsdm.groups.add(Group.objects.get(name=Peran.BKPSDM))
    asal_i = Instansi.objects.create(kode="BENCH-SK-A", nama="Dinas Kesehatan (bench)")
    tujuan_i = Instansi.objects.create(kode="BENCH-SK-B", nama="Dinas Pendidikan (bench)")
    unit = []
    for i, inst in enumerate((asal_i, tujuan_i)):
        u = UnitKerja.objects.create(
            instansi=inst,
            kode=f"BENCH-SK-U{i}",
            nama=f"UPTD Puskesmas Bench {i}",
            jenis=JenisUnit.UPT,
        )
        UnitKerja.objects.filter(pk=u.pk).update(jalur=f"/{u.pk}/")
        unit.append(u)
    jab = [
        Jabatan.objects.create(
            unit_kerja=u,
            kode=f"BENCH-SK-J{i}",
            nama=("Perawat Terampil", "Pengadministrasi Sekolah")[i],
            jenis=JenisJabatan.PELAKSANA,
            kelas_jabatan=7,
            pendidikan_minimal=Pendidikan.SLTA,
        )
        for i, u in enumerate(unit)
    ]
    gelar = [("dr.", "M.Kes."), ("", "S.Pd."), ("Ir.", "M.T."), ("", "S.Kep., Ners")]
    nama = [
        "Maria Siregar",
        "Budi Hutapea",
        "Togar Simanjuntak",
        "Rosmawati Sinaga",
        "Lestari Purba",
    ]
    pegawai = []
    for i in range(n):
        depan, belakang = gelar[i % len(gelar)]
        pegawai.append(
            Pegawai(
                nip=f"1985{i % 12 + 1:02d}{i % 28 + 1:02d}2010{i % 12 + 1:02d}{i % 2 + 1}{i % 999 + 1:03d}",
                gelar_depan=depan,
                nama=f"{nama[i % len(nama)]} {i}",
                gelar_belakang=belakang,
                tanggal_lahir=datetime.date(1985, i % 12 + 1, i % 28 + 1),
                jenis_kelamin="L" if i % 2 == 0 else "P",
                golongan=Golongan.III_A,
                pendidikan=Pendidikan.S1,
                jabatan=jab[0],
                tmt_jabatan=datetime.date(2020, 1, 1),
            )
        )
    Pegawai.objects.bulk_create(pegawai)
    RiwayatJabatan.objects.bulk_create(
        RiwayatJabatan(pegawai=p, jabatan=jab[0], tanggal_mulai=datetime.date(2020, 1, 1))
        for p in pegawai
    )
    usulan = UsulanMutasi.objects.bulk_create(
        UsulanMutasi(
            nomor=f"UM/BENCH-SK/{i:05d}",
            pegawai=p,
            jenis="antar_opd",
            alasan="pemerataan",
            jabatan_asal=jab[0],
            unit_asal=unit[0],
            instansi_asal=asal_i,
            jabatan_tujuan=jab[1],
            unit_tujuan=unit[1],
            instansi_tujuan=tujuan_i,
            diusulkan_oleh=bkpsdm,
            status="disetujui",
        )
        for i, p in enumerate(pegawai)
    )
    hari = datetime.date(2026, 11, 30)
    return services.sk_buat(
        usulan_ids=[u.pk for u in usulan],
        tanggal=hari,
        tmt=hari,
        penandatangan_nama="Wali Kota Pematangsiantar (bench)",
        actor=bkpsdm,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=200)
    parser.add_argument("--n", type=int, default=5)
    args = parser.parse_args(argv)
    siapkan_django()
    import io

    import docx
    from django.core.management import call_command
    from django.db import connection, transaction

    from usulan_mutasi import dokumen

    if "bench" not in connection.settings_dict["NAME"]:
        print("Menolak: basis data benchmark harus bernama dengan kata 'bench'.")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    hasil = {}
    try:
        with transaction.atomic():
            sk = _data(args.pegawai)
            dokumen.docx_sk(sk)  # warm-up: imports, template read
            waktu = []
            for _ in range(args.n):
                mulai = time.perf_counter()
                isi = dokumen.docx_sk(sk)
                waktu.append(time.perf_counter() - mulai)
            baris = len(docx.Document(io.BytesIO(isi)).tables[-2].rows) - 1
            hasil["docx"] = (statistics.median(waktu), max(waktu), baris)
            mulai = time.perf_counter()
            petikan = dokumen.docx_petikan(sk)
            hasil["petikan"] = (time.perf_counter() - mulai, len(petikan))
            if dokumen.soffice_tersedia():
                from pypdf import PdfReader

                # A worker keeps its LibreOffice profile between tasks: the first run of a
                # process creates it, so it is made once before measuring.
                dokumen.docx_ke_pdf({"pemanasan": petikan[0][1]})
                mulai = time.perf_counter()
                pdf = dokumen.docx_ke_pdf({"sk": isi})["sk"]
                detik = time.perf_counter() - mulai
                hasil["pdf"] = (detik, len(PdfReader(io.BytesIO(pdf)).pages))
            raise _Batal
    except _Batal:
        pass
    p50, maks, baris = hasil["docx"]
    beban = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"bench_sk_dokumen: {args.pegawai} pegawai dalam satu SK (beban mesin {beban})")
    gagal = p50 >= BATAS_DOCX_S
    print(
        f"  DOCX SK + lampiran ({baris} baris): p50 {p50:.2f} s, maks {maks:.2f} s (batas < {BATAS_DOCX_S:.0f} s)"
        + (" GAGAL" if gagal else " ok")
    )
    t, jumlah = hasil["petikan"]
    print(f"  {jumlah} petikan DOCX: {t:.2f} s ({t / max(jumlah, 1) * 1000:.0f} ms per petikan)")
    if "pdf" in hasil:
        t, halaman = hasil["pdf"]
        lewat = t >= BATAS_PDF_S
        gagal = gagal or lewat
        print(
            f"  PDF SK (LibreOffice): {t:.2f} s, {halaman} halaman (batas < {BATAS_PDF_S:.0f} s)"
            + (" GAGAL" if lewat else " ok")
        )
    else:
        print(
            "  PDF tidak diukur: soffice tidak terpasang (apt-get install libreoffice-writer-nogui)"
        )
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
