"""The rekap of a year with 5,000 proposals on PostgreSQL (bar: p50 under 300 ms, constant
query count), and the history search page.

How to run (from the repository root), once the register is seeded:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/seed_besar.py --pegawai 100000 --biarkan
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_laporan.py [--usulan 5000] [--n 20]

The proposals come from the backend bench's generator (`bench_usulan.isi_usulan`: proposals
spread over every state with timeline events; it writes them when fewer are in flight). Then,
through Django's test Client as bkpsdm (the whole city), after a warm-up, N runs of
`GET /mutasi/laporan/rekap/?jenis=tahun&tahun=<this year>` (counts by kind, reason, status and
agency; step durations with median and p90 from one windowed query over every event; the late
steps; the ABK effect) and of the history search `GET /mutasi/laporan/riwayat/`. Prints p50 /
p95 in milliseconds (the query count is pinned by tests/usulan_mutasi/test_laporan.py); exit
code 1 when a bar is missed.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django, ukur  # noqa: E402

BATAS_P50_MS = 300.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usulan", type=int, default=5000)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    url = siapkan_django()
    from bench_usulan import isi_usulan
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from mutasi_asn.demo.pengguna import buat_pengguna_demo
    from pegawai.models import Pegawai
    from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        print(f"Menolak: {url} bukan basis data PostgreSQL khusus benchmark (nama memuat 'bench').")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    if Pegawai.objects.count() < args.usulan:
        print("Pegawai terlalu sedikit: jalankan bench/seed_besar.py terlebih dahulu.")
        return 2
    buat_pengguna_demo()
    if UsulanMutasi.objects.count() < args.usulan:
        isi_usulan(args.usulan, args.seed)
        connection.cursor().execute("ANALYZE")
    jumlah = UsulanMutasi.objects.count()
    peristiwa = PeristiwaUsulan.objects.count()

    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(get_user_model().objects.get(username="bkpsdm"))
    tahun = timezone.localdate().year
    skenario = [
        ("rekap tahun ini", f"/mutasi/laporan/rekap/?jenis=tahun&tahun={tahun}", BATAS_P50_MS),
        (
            "rekap semester",
            f"/mutasi/laporan/rekap/?jenis=semester&tahun={tahun}&semester=2",
            BATAS_P50_MS,
        ),
        ("rekap .xlsx", f"/mutasi/laporan/rekap/?jenis=tahun&tahun={tahun}&format=xlsx", None),
        ("riwayat mutasi", "/mutasi/laporan/riwayat/", None),
    ]
    beban = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"bench_laporan: {jumlah} usulan, {peristiwa} peristiwa, {args.n} pengukuran "
        f"(beban mesin {beban})"
    )
    gagal = False
    for nama, alamat, batas in skenario:

        def buka(alamat=alamat):
            resp = client.get(alamat)
            assert resp.status_code == 200, (alamat, resp.status_code)

        hasil = ukur(buka, args.n, pemanasan=2)
        lewat = batas is not None and hasil["p50"] >= batas
        gagal = gagal or lewat
        tanda = (
            "" if batas is None else (f" (batas < {batas:.0f} ms)" + (" GAGAL" if lewat else " ok"))
        )
        print(
            f"  {nama}: p50 {hasil['p50']:.0f} ms, p95 {hasil['p95']:.0f} ms, "
            f"cpu {hasil['cpu_p50']:.0f} ms{tanda}"
        )
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
