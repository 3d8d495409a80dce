"""The transfer pages with 100,000 pegawai and 5,000 proposals in flight on PostgreSQL.

How to run (from the repository root), once the register is seeded:

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE mutasi_asn_bench"   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/seed_besar.py --pegawai 100000 --biarkan
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_usulan_halaman.py [--usulan 5000] [--n 30]

The proposals come from the backend bench's generator (`bench_usulan.isi_usulan`: in-progress
proposals spread over every state, three timeline events each). Then, through Django's test
Client (routing, middleware, sessions, template rendering, the navigation badge), after a
warm-up, N runs of:

- `GET /mutasi/menunggu/` — "Menunggu tindakan saya" — for every demo role that acts;
- `GET /mutasi/` — the proposal list, first page of 25 — as bkpsdm (whole city), as
  kepala_dinkes (own agency), with the status filter, the late-only filter, a NIP search and a
  sort on the employee's name;
- `GET /mutasi/<pk>/` — one proposal page as bkpsdm.

It prints p50 / p95 in milliseconds (wall clock; and the process's CPU time, which tells a
busy machine from a slow page) and the SQL queries of one request, and checks the query
count is constant (the same on page 1 and on a later page of other rows). The bar: p50 under
100 ms and a constant query count. Exit code 1 when a bar is missed. The database name must
contain "bench" (the generator writes proposals numbered `UM/BENCH/…`).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django, ukur  # noqa: E402

BATAS_P50_MS = 100.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usulan", type=int, default=5000)
    parser.add_argument("--n", type=int, default=30, help="Jumlah pengukuran per skenario.")
    parser.add_argument("--pemanasan", type=int, default=3)
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
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from mutasi_asn.demo.pengguna import buat_pengguna_demo
    from pegawai.models import Pegawai
    from usulan_mutasi.models import UsulanMutasi

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        print(f"Menolak: {url} bukan basis data PostgreSQL khusus benchmark (nama memuat 'bench').")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    jumlah_pegawai = Pegawai.objects.count()
    if jumlah_pegawai < 1000:
        print(f"Basis data hanya berisi {jumlah_pegawai} pegawai: jalankan bench/seed_besar.py.")
        return 2
    buat_pengguna_demo()
    berjalan = UsulanMutasi.objects.berjalan().count()
    if berjalan < args.usulan:
        dibuat = isi_usulan(args.usulan, args.seed)
        connection.cursor().execute("ANALYZE")
        berjalan = UsulanMutasi.objects.berjalan().count()
        print(f"Menulis {dibuat} usulan benchmark.")

    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    User = get_user_model()
    klien = {}

    def klien_untuk(username):
        if username not in klien:
            c = Client()
            c.force_login(User.objects.get(username=username))
            klien[username] = c
        return klien[username]

    contoh = UsulanMutasi.objects.berjalan().order_by("pk").first()
    nip = contoh.pegawai.nip[:10]
    skenario = [
        (f"kotak masuk {u}", u, "/mutasi/menunggu/", "/mutasi/menunggu/?page=3")
        for u in ("bkpsdm", "kepala_dinkes", "kepala_disdik", "tim_penilai", "ppk")
    ] + [
        ("daftar usulan bkpsdm", "bkpsdm", "/mutasi/", "/mutasi/?page=40"),
        ("daftar usulan kepala_dinkes", "kepala_dinkes", "/mutasi/", "/mutasi/?page=4"),
        (
            "daftar + status diajukan",
            "bkpsdm",
            "/mutasi/?status=diajukan",
            "/mutasi/?status=diajukan&page=5",
        ),
        (
            "daftar + hanya terlambat",
            "bkpsdm",
            "/mutasi/?terlambat=true",
            "/mutasi/?terlambat=true&page=5",
        ),
        ("daftar + cari NIP", "bkpsdm", f"/mutasi/?q={nip}", f"/mutasi/?q={nip[:8]}"),
        (
            "daftar urut nama pegawai",
            "bkpsdm",
            "/mutasi/?urut=pegawai__nama",
            "/mutasi/?urut=-pegawai__nama&page=7",
        ),
        ("halaman usulan", "bkpsdm", f"/mutasi/{contoh.pk}/", None),
    ]

    print(
        f"bench_usulan_halaman: {jumlah_pegawai} pegawai, {berjalan} usulan berjalan, "
        f"{args.n} pengukuran per skenario"
    )
    gagal = False
    for nama, username, alamat, alamat_lain in skenario:
        client = klien_untuk(username)

        def buka(client=client, alamat=alamat):
            resp = client.get(alamat)
            assert resp.status_code == 200, (alamat, resp.status_code)
            return resp

        with CaptureQueriesContext(connection) as ctx:
            buka()
        n_query = len(ctx.captured_queries)
        tetap = True
        if alamat_lain:
            with CaptureQueriesContext(connection) as ctx2:
                resp = client.get(alamat_lain)
                assert resp.status_code in (200, 404), (alamat_lain, resp.status_code)
            tetap = resp.status_code == 404 or len(ctx2.captured_queries) == n_query
        cpu = []

        def buka_terukur(buka=buka, cpu=cpu):
            mulai = time.process_time()
            buka()
            cpu.append((time.process_time() - mulai) * 1000)

        hasil = ukur(buka_terukur, args.n, args.pemanasan)
        cpu_p50 = statistics.median(cpu[args.pemanasan :])
        lulus = hasil["p50"] < BATAS_P50_MS and tetap
        gagal |= not lulus
        print(
            f"  {nama:<32} p50 {hasil['p50']:7.1f} ms  p95 {hasil['p95']:7.1f} ms  "
            f"(CPU p50 {cpu_p50:5.1f} ms)  "
            f"{n_query:2d} query{'' if tetap else ' (TIDAK TETAP)'}  "
            f"{'LULUS' if lulus else 'GAGAL'}"
        )
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
