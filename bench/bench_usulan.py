"""The transfer inbox and the proposal list API with 5,000 proposals in flight on PostgreSQL.

How to run (from the repository root), after seeding the register with bench/seed_besar.py:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_usulan.py [--usulan 5000] [--n 50]

It first makes sure the database holds `--usulan` proposals in progress, spread evenly over the
in-progress states (draf … dalam SK) with three timeline events each, written in bulk (the
workflow itself is tested elsewhere; here only the reads matter). Then it measures, after a
warm-up, N runs of:

- `usulan_menunggu_tindakan(user)` — the "Menunggu tindakan saya" inbox, first page of 25 rows
  with every relation a row shows — for each demo role, plus `jumlah_menunggu` (the badge);
- `GET /api/v1/usulan/` (page 1 of 50) as `bkpsdm` and as `kepala_dinkes`, and with
  `?menunggu=true`, through Django's test Client (routing, middleware, DRF, JSON);

and prints p50 / p95 in milliseconds and the SQL queries of one run. The bar: p50 under 100 ms.
Exit code 1 when a bar is missed. Proposals made by this script are numbered `UM/BENCH/…`.
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django, ukur  # noqa: E402

BATAS_P50_MS = 100.0
AWALAN = "UM/BENCH/"


def isi_usulan(jumlah: int, seed: int) -> int:
    """Bulk-write `jumlah` in-progress proposals (replacing earlier bench ones). Returns count."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from instansi.models import Jabatan
    from pegawai.models import Pegawai
    from usulan_mutasi.choices import STATUS_BERJALAN, AksiPeristiwa, JenisMutasi
    from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi

    rng = random.Random(seed)
    User = get_user_model()
    bkpsdm = User.objects.get(username="bkpsdm")
    operator = User.objects.get(username="operator_dinkes")
    with transaction.atomic():
        UsulanMutasi.objects.filter(nomor__startswith=AWALAN).delete()
        sibuk = set(UsulanMutasi.objects.berjalan().values_list("pegawai_id", flat=True))
        pegawai = [
            p
            for p in Pegawai.objects.filter(aktif=True, jabatan__isnull=False).values_list(
                "pk", "jabatan_id", "jabatan__unit_kerja_id", "jabatan__unit_kerja__instansi_id"
            )
            if p[0] not in sibuk
        ]
        jabatan = list(
            Jabatan.objects.values_list("pk", "unit_kerja_id", "unit_kerja__instansi_id")
        )
        pilihan = rng.sample(pegawai, min(jumlah, len(pegawai)))
        hari_ini = timezone.localdate()
        sekarang = timezone.now()
        baris = []
        for i, (pid, jab, unit, inst) in enumerate(pilihan):
            tujuan = rng.choice(jabatan)
            while tujuan[0] == jab:
                tujuan = rng.choice(jabatan)
            status = STATUS_BERJALAN[i % len(STATUS_BERJALAN)]
            dari_dinkes = rng.random() < 0.1
            baris.append(
                UsulanMutasi(
                    nomor=f"{AWALAN}{i:06d}",
                    pegawai_id=pid,
                    jenis=JenisMutasi.ANTAR_UNIT if tujuan[2] == inst else JenisMutasi.ANTAR_OPD,
                    alasan="pemerataan",
                    justifikasi="Data benchmark.",
                    jabatan_asal_id=jab,
                    unit_asal_id=unit,
                    instansi_asal_id=inst,
                    jabatan_tujuan_id=tujuan[0],
                    unit_tujuan_id=tujuan[1],
                    instansi_tujuan_id=tujuan[2],
                    status=status,
                    diusulkan_oleh=operator if dari_dinkes else bkpsdm,
                    instansi_pengusul_id=operator.instansi_id if dari_dinkes else None,
                    diajukan_pada=sekarang,
                    tenggat=hari_ini + datetime.timedelta(days=rng.randint(-5, 7)),
                )
            )
        UsulanMutasi.objects.bulk_create(baris, batch_size=2000)
        peristiwa = [
            PeristiwaUsulan(
                usulan=u,
                aktor=bkpsdm,
                aksi=aksi,
                catatan="benchmark",
                notifikasi_terkirim_pada=sekarang,
            )
            for u in baris
            for aksi in (AksiPeristiwa.DIBUAT, AksiPeristiwa.DIAJUKAN, AksiPeristiwa.DIVERIFIKASI)
        ]
        PeristiwaUsulan.objects.bulk_create(peristiwa, batch_size=5000)
    return len(baris)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usulan", type=int, default=5000)
    parser.add_argument("--n", type=int, default=50, help="Jumlah pengukuran per skenario.")
    parser.add_argument("--pemanasan", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    url = siapkan_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from mutasi_asn.demo.pengguna import buat_pengguna_demo
    from pegawai.models import Pegawai
    from usulan_mutasi.models import UsulanMutasi
    from usulan_mutasi.selectors import jumlah_menunggu, usulan_menunggu_tindakan

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        print(f"Menolak: {url} bukan basis data PostgreSQL khusus benchmark (nama memuat 'bench').")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    jumlah_pegawai = Pegawai.objects.count()
    if jumlah_pegawai < 1000:
        print(
            f"Basis data hanya berisi {jumlah_pegawai} pegawai: jalankan bench/seed_besar.py dahulu."
        )
        return 2
    buat_pengguna_demo()
    berjalan = UsulanMutasi.objects.berjalan().count()
    if berjalan < args.usulan:
        dibuat = isi_usulan(args.usulan, args.seed)
        connection.cursor().execute("ANALYZE")
        berjalan = UsulanMutasi.objects.berjalan().count()
        print(f"Menulis {dibuat} usulan benchmark.")

    setup_test_environment()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    User = get_user_model()
    print(
        f"bench_usulan: {jumlah_pegawai} pegawai, {berjalan} usulan berjalan, "
        f"{args.n} pengukuran per skenario"
    )
    skenario = []
    for username in ("bkpsdm", "kepala_dinkes", "kepala_disdik", "tim_penilai", "ppk"):
        user = User.objects.get(username=username)

        def kotak_masuk(user=user):
            baris = list(usulan_menunggu_tindakan(user)[:25])
            # What an inbox row shows; reading it must not cost a query per row.
            teks = [
                f"{u.pegawai.nama_lengkap} {u.jabatan_asal} {u.jabatan_tujuan} {u.instansi_asal}"
                f" {u.instansi_tujuan} {u.diusulkan_oleh} {u.unit_asal} {u.unit_tujuan}"
                for u in baris
            ]
            assert len(teks) == len(baris)
            return f"{jumlah_menunggu(user)} menunggu"

        skenario.append((f"kotak masuk + lencana {username}", kotak_masuk))

    for username, query in [
        ("bkpsdm", ""),
        ("kepala_dinkes", ""),
        ("bkpsdm", "?menunggu=true"),
        ("kepala_disdik", "?menunggu=true"),
    ]:
        client = Client()
        client.force_login(User.objects.get(username=username))

        def api(client=client, query=query):
            resp = client.get(f"/api/v1/usulan/{query}")
            assert resp.status_code == 200, resp.status_code
            return f"{resp.json()['count']} hasil"

        skenario.append((f"API daftar usulan {username}{query}", api))

    gagal = False
    for nama, fungsi in skenario:
        with CaptureQueriesContext(connection) as ctx:
            ket = fungsi()
        n_query = len(ctx.captured_queries)
        hasil = ukur(fungsi, args.n, args.pemanasan)
        lulus = hasil["p50"] < BATAS_P50_MS
        gagal |= not lulus
        print(
            f"  {nama:<45} p50 {hasil['p50']:7.1f} ms  p95 {hasil['p95']:7.1f} ms  "
            f"{n_query:2d} query  [{ket}]  {'LULUS' if lulus else 'GAGAL'}"
        )
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
