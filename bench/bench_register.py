"""Response times of the register's busiest pages on a 100,000-pegawai PostgreSQL database.

How to run (from the repository root), after seeding with bench/seed_besar.py:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_register.py [--n 50]

Logged in as the demo user `bkpsdm` through Django's test Client (the whole request: URL
routing, middleware, the view, the template), it measures N requests after a warm-up of:

- the pegawai list filtered by instansi (the biggest agency, Dinas Pendidikan), page 1,
  and the same for the smallest agency;
- the pegawai list searched by a NIP prefix typed with a space (`1986 0`-style);
- the pegawai list searched by a part of a name (a trigram index on PostgreSQL);
- the pegawai edit page (its size too: the jabatan choice is searched, not listed);

and prints p50 / p95 in milliseconds and the number of SQL queries of one request.
The bar (issue): p50 under 100 ms for the list by instansi and the NIP search (the name search
and the edit page are reported as `info`). Exit code 1 when a bar is missed. The figures are
wall-clock: on a machine busy with other work they grow with its load.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django, ukur  # noqa: E402

BATAS_P50_MS = 100.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="Jumlah permintaan terukur per skenario.")
    parser.add_argument("--pemanasan", type=int, default=5)
    args = parser.parse_args(argv)

    siapkan_django()
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from instansi.models import Instansi
    from pegawai.models import Pegawai

    # No setup_test_environment(): its template instrumentation (a signal and a context copy
    # for every template, each form widget included) is test-only cost production never pays.
    # Keep one connection for the whole run, as production does with CONN_MAX_AGE; otherwise
    # every request would pay a new PostgreSQL connection and the query log would be lost.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    jumlah = Pegawai.objects.count()
    if jumlah < 1000:
        print(f"Basis data hanya berisi {jumlah} pegawai: jalankan bench/seed_besar.py dahulu.")
        return 2
    user = get_user_model().objects.get(username="bkpsdm")
    client = Client()
    client.force_login(user)

    terbesar = Instansi.objects.get(kode="DISDIK")
    contoh_nip = (
        Pegawai.objects.filter(jabatan__unit_kerja__instansi=terbesar).order_by("pk")[0].nip
    )
    awalan = f"{contoh_nip[:4]} {contoh_nip[4:6]}"  # typed with a space, as people do
    # The smallest agency too: its rows are rare in name order, so a poor plan shows up here.
    terkecil = (
        Instansi.objects.annotate(n=Count("unit_kerja__jabatan__pemangku"))
        .filter(n__gt=0)
        .order_by("n", "pk")
        .first()
    )
    # (name, url, whether the bar applies); the others are measured for information.
    skenario = [
        ("daftar pegawai per instansi", f"/pegawai/?instansi={terbesar.pk}", True),
        ("daftar per instansi terkecil", f"/pegawai/?instansi={terkecil.pk}", True),
        ("cari NIP (awalan)", f"/pegawai/?q={awalan.replace(' ', '+')}", True),
        ("cari nama", "/pegawai/?q=siregar", False),
        # The page that used to list every jabatan of the city in one select.
        ("halaman ubah pegawai", f"/pegawai/{Pegawai.objects.order_by('pk')[0].pk}/ubah/", False),
    ]

    print(f"bench_register: {jumlah} pegawai, {args.n} permintaan per skenario sebagai bkpsdm")
    gagal = False
    for nama, url, berbatas in skenario:

        def minta(url=url):
            resp = client.get(url)
            assert resp.status_code == 200, (url, resp.status_code)
            return resp

        with CaptureQueriesContext(connection) as ctx:
            resp = minta()
        # Read now: Django's request_started handler empties the query log on the next request.
        n_query = len(ctx.captured_queries)
        hasil = ukur(minta, args.n, args.pemanasan)
        lulus = hasil["p50"] < BATAS_P50_MS
        gagal |= berbatas and not lulus
        status = ("LULUS" if lulus else "GAGAL") if berbatas else "info"
        print(
            f"  {nama:<30} p50 {hasil['p50']:7.1f} ms  p95 {hasil['p95']:7.1f} ms  "
            f"maks {hasil['maks']:7.1f} ms  cpu {hasil['cpu_p50']:5.1f} ms  {n_query} query  "
            f"[{keterangan(resp)}]  {status}  {url}"
        )
    return 1 if gagal else 0


def keterangan(resp) -> str:
    """`53.175 data` as the list page says it, or the size of any other page."""
    teks = resp.content.decode()
    cocok = re.search(r'data-testid="jumlah-hasil">([^<]*)<', teks)
    return cocok.group(1).strip() if cocok else f"{len(resp.content) / 1024:.0f} KB"


if __name__ == "__main__":
    sys.exit(main())
