"""Benchmark of the ABK recalculation at the scale of a large city, on PostgreSQL.

How to run (from the repository root):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE mutasi_asn_bench_abk"   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench_abk \
        .venv/bin/python bench/bench_abk.py [--pegawai 100000] [--jabatan 20000] [--tugas 200000]

The first run fills the database (the demo register of 100,000 pegawai, topped up to 20,000
jabatan slots, and 200,000 uraian tugas of period 2026, all bulk inserts); later runs reuse it
when the counts match. It then times, and prints:

1. the full recalculation `abk_hitung(periode=…)` (bar: < 5 s) with every row stale, with
   nothing changed, and after a change of WKE (every figure changes); and the Python path used
   on SQLite for comparison;
2. the floor: ONE hand-written statement that computes every stored column of every jabatan
   and writes them all (an upsert), and the ratio service ÷ floor (bar: ≤ 1.2×);
3. a recalculation after a single task change (only the affected unit: its cost must not grow
   with the city), and the whole edit → stale mark → commit → recalculation as the UI does it;
4. the dashboard selectors (p50 / p95 over repeated calls).

Refuses any database whose name does not contain "bench": it empties the register.
Exit code 1 when a bar is missed.
"""

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import os  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mutasi_asn_bench_abk")

from common import siapkan_django, ukur  # noqa: E402

BATAS_PENUH_DETIK = 5.0
BATAS_RASIO = 1.2

# The floor: what one hand-written statement costs to compute every stored column of every
# jabatan (the same formulas: need exact and rounded, bezetting, selisih, keadaan, EJ, PJ) and
# write them all (an upsert over the period's rows). The service does more around it (a run
# row, the prune of inactive jabatan, a count, the period's time) and must stay within 1.2×.
SQL_LANTAI = """
INSERT INTO analisis_beban_hasilabk AS h (
    periode_id, jabatan_id, unit_kerja_id, instansi_id, total_beban_menit, kebutuhan,
    kebutuhan_bulat, bezetting, selisih, keadaan, ej, pj, basi, dihitung_pada)
SELECT %(periode)s, d.id, d.unit_kerja_id, d.instansi_id, d.total, ROUND(d.total / %(wke)s, 4),
       d.kb, d.n, d.n - d.kb,
       CASE WHEN d.n < d.kb THEN 'kurang' WHEN d.n > d.kb THEN 'lebih' ELSE 'sesuai' END,
       CASE WHEN d.n > 0 THEN ROUND(d.total / (d.n * %(wke)s), 4) END,
       CASE WHEN d.n = 0 THEN ''
            WHEN d.total > %(a)s * d.n * %(wke)s THEN 'A'
            WHEN d.total >= %(b)s * d.n * %(wke)s THEN 'B'
            WHEN d.total >= %(c)s * d.n * %(wke)s THEN 'C'
            WHEN d.total >= %(d)s * d.n * %(wke)s THEN 'D' ELSE 'E' END,
       FALSE, now()
FROM (
    SELECT j.id, j.unit_kerja_id, u.instansi_id,
           ROUND(COALESCE(b.total, 0), 2) AS total, COALESCE(z.n, 0) AS n,
           ROUND(ROUND(COALESCE(b.total, 0), 2) / %(wke)s) AS kb
    FROM instansi_jabatan j
    JOIN instansi_unitkerja u ON u.id = j.unit_kerja_id
    LEFT JOIN (SELECT jabatan_id, SUM(volume * norma_waktu_menit) AS total
               FROM analisis_beban_uraiantugas WHERE periode_id = %(periode)s
               GROUP BY jabatan_id) b ON b.jabatan_id = j.id
    LEFT JOIN (SELECT jabatan_id, COUNT(*) AS n FROM pegawai_pegawai WHERE aktif
               GROUP BY jabatan_id) z ON z.jabatan_id = j.id
    WHERE j.aktif
) d
ON CONFLICT (periode_id, jabatan_id) DO UPDATE SET
    unit_kerja_id = EXCLUDED.unit_kerja_id, instansi_id = EXCLUDED.instansi_id,
    total_beban_menit = EXCLUDED.total_beban_menit, kebutuhan = EXCLUDED.kebutuhan,
    kebutuhan_bulat = EXCLUDED.kebutuhan_bulat, bezetting = EXCLUDED.bezetting,
    selisih = EXCLUDED.selisih, keadaan = EXCLUDED.keadaan, ej = EXCLUDED.ej, pj = EXCLUDED.pj,
    basi = FALSE, dihitung_pada = EXCLUDED.dihitung_pada
"""


def siapkan_data(connection, n_pegawai, n_jabatan, n_tugas, seed):
    from analisis_beban.models import HasilABK, PeriodeABK, UraianTugas
    from instansi.models import Jabatan, UnitKerja
    from mutasi_asn.demo.register import buat_register_demo
    from pegawai.models import Pegawai

    if (
        Pegawai.objects.count() == n_pegawai
        and Jabatan.objects.count() == n_jabatan
        and UraianTugas.objects.count() == n_tugas
    ):
        print("Data benchmark sudah ada; dipakai ulang.")
        return PeriodeABK.objects.get(tahun=2026)

    print(f"Mengisi basis data: {n_pegawai} pegawai, {n_jabatan} jabatan, {n_tugas} tugas …")
    mulai = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE analisis_beban_perhitunganabk, analisis_beban_hasilabk, "
            "analisis_beban_uraiantugas, analisis_beban_historicaluraiantugas, "
            "analisis_beban_periodeabk, analisis_beban_historicalperiodeabk, "
            "pegawai_riwayatjabatan, pegawai_historicalriwayatjabatan, pegawai_pegawai, "
            "pegawai_historicalpegawai, instansi_jabatan, instansi_historicaljabatan, "
            "instansi_unitkerja, instansi_historicalunitkerja, instansi_instansi, "
            "instansi_historicalinstansi RESTART IDENTITY CASCADE"
        )
    buat_register_demo(jumlah_pegawai=n_pegawai, seed=seed)
    # Top the positions up to n_jabatan slots, spread over every unit.
    units = list(UnitKerja.objects.order_by("pk").values_list("pk", flat=True))
    ada = Jabatan.objects.count()
    tambahan = [
        Jabatan(
            unit_kerja_id=units[i % len(units)],
            kode=f"JB{i:07d}",
            nama=f"Pelaksana Teknis {i}",
            jenis="pelaksana",
            kelas_jabatan=6,
        )
        for i in range(max(0, n_jabatan - ada))
    ]
    Jabatan.objects.bulk_create(tambahan, batch_size=5000)
    with connection.cursor() as cur:
        # Every 3rd pegawai moves to one of the new slots so that they have holders too.
        cur.execute(
            """
            WITH baru AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS r
                FROM instansi_jabatan WHERE kode LIKE 'JB%'
            ), jml AS (SELECT COUNT(*) AS n FROM baru),
            pindah AS (
                SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS r
                FROM pegawai_pegawai p WHERE p.id % 3 = 0
            )
            UPDATE pegawai_pegawai p SET jabatan_id = baru.id
            FROM pindah, jml, baru
            WHERE pindah.id = p.id AND baru.r = pindah.r % jml.n
            """
        )
    periode = PeriodeABK.objects.create(tahun=2026, status="berlaku")
    per_jabatan = n_tugas // n_jabatan
    with connection.cursor() as cur:
        # n_tugas tasks: per_jabatan per jabatan, volumes and norms varied deterministically.
        cur.execute(
            """
            INSERT INTO analisis_beban_uraiantugas
                (periode_id, jabatan_id, urutan, uraian, hasil_kerja, satuan, volume,
                 norma_waktu_menit)
            SELECT %(periode)s, j.id, g, 'Menyusun laporan kegiatan ' || g, 'Laporan', 'dokumen',
                   ((j.id * 7 + g * 13) %% 400) + 20, ((j.id * 3 + g * 11) %% 90) + 5
            FROM instansi_jabatan j CROSS JOIN generate_series(1, %(k)s) g
            """,
            {"periode": periode.pk, "k": per_jabatan},
        )
        cur.execute("ANALYZE")
    HasilABK.objects.all().delete()
    print(f"  terisi dalam {time.perf_counter() - mulai:.1f} detik")
    return periode


def waktu(fungsi, ulang=3):
    hasil = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        fungsi()
        hasil.append(time.perf_counter() - mulai)
    return statistics.median(hasil), hasil


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--jabatan", type=int, default=20_000)
    parser.add_argument("--tugas", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    url = siapkan_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    nama_db = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in nama_db:
        print(f"Menolak: {url} bukan basis data PostgreSQL khusus benchmark (nama memuat 'bench').")
        return 2
    call_command("migrate", verbosity=0, interactive=False)

    from analisis_beban import selectors, services
    from analisis_beban.models import HasilABK, PeriodeABK, UraianTugas
    from mutasi_asn.demo.pengguna import buat_pengguna_demo
    from pegawai.models import Pegawai

    periode = siapkan_data(connection, args.pegawai, args.jabatan, args.tugas, args.seed)
    n_peg = Pegawai.objects.count()
    n_tugas = UraianTugas.objects.filter(periode=periode).count()

    # 1 and 2, interleaved so that a busy machine weighs on both alike: the full recalculation
    # with every row stale (the state after a change of WKE or PJ bands: every row rewritten),
    # the full recalculation with nothing changed (the nightly safety net's usual case: nothing
    # rewritten), and the floor: ONE hand-written statement computing and writing every column.
    services.abk_hitung(periode=periode, alasan="bench: pemanasan")

    def vakum():
        # Steady state between runs (what autovacuum does): the previous run's dead rows gone.
        with connection.cursor() as cur:
            cur.execute("VACUUM analisis_beban_hasilabk")

    def lantai_sql():
        # Same session settings as the service's statement (JIT off), in its own transaction.
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL jit = off")
            cur.execute(
                SQL_LANTAI,
                {
                    "periode": periode.pk,
                    "wke": Decimal(periode.wke_menit),
                    "a": periode.ambang_a,
                    "b": periode.ambang_b,
                    "c": periode.ambang_c,
                    "d": periode.ambang_d,
                },
            )

    def diukur(fungsi):
        mulai = time.perf_counter()
        fungsi()
        return time.perf_counter() - mulai

    lantai_sql()
    semua_penuh, semua_tetap, semua_sql = [], [], []
    for _ in range(5):
        HasilABK.objects.filter(periode=periode).update(basi=True)
        vakum()
        semua_penuh.append(
            diukur(lambda: services.abk_hitung(periode=periode, alasan="bench: semua basi"))
        )
        vakum()
        semua_tetap.append(
            diukur(lambda: services.abk_hitung(periode=periode, alasan="bench: tetap"))
        )
        vakum()
        semua_sql.append(diukur(lantai_sql))
    penuh = statistics.median(semua_penuh)
    penuh_tetap = statistics.median(semua_tetap)
    sql_detik = statistics.median(semua_sql)
    rasio = penuh / sql_detik
    rasio_tetap = penuh_tetap / sql_detik
    n_hasil = HasilABK.objects.filter(periode=periode).count()

    # Every figure changes (WKE 75,000 ↔ 72,000: need, EJ and many selisih — indexed columns,
    # so no HOT update): the heaviest real recalculation.
    semua_wke = []
    for wke in (72000, 75000, 72000, 75000):
        PeriodeABK.objects.filter(pk=periode.pk).update(wke_menit=wke)
        periode.refresh_from_db()
        vakum()
        semua_wke.append(diukur(lambda: services.abk_hitung(periode=periode, alasan="bench: WKE")))
    penuh_wke = statistics.median(semua_wke)

    def jalur_python():
        with transaction.atomic():
            services._hitung_python(periode, None)

    python_detik, _ = waktu(jalur_python, ulang=1)

    # 3. A single task change: only the affected unit is recalculated.
    t = UraianTugas.objects.filter(periode=periode).select_related("jabatan").order_by("pk").first()
    unit = t.jabatan.unit_kerja_id
    satu, _ = waktu(
        lambda: services.abk_hitung(periode=periode, unit_kerja_ids=[unit], alasan="bench: satu"),
        ulang=5,
    )

    def edit_lalu_hitung():
        # The UI path: edit in a transaction (stale mark + queued run), on commit the eager task.
        services.uraian_tugas_simpan(instance=t, data={"volume": t.volume + 1}, actor=None)

    edit, _ = waktu(edit_lalu_hitung, ulang=3)

    # 4. Dashboard selectors for a city-wide user.
    buat_pengguna_demo()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="bkpsdm")
    assert user.lingkup_kota
    dasbor = {
        "ringkasan_kota": lambda: selectors.ringkasan_kota(periode, user),
        "ringkasan_per_instansi": lambda: selectors.ringkasan_per_instansi(periode, user),
        "distribusi_pj": lambda: selectors.distribusi_pj(periode, user),
        "jabatan_terlebih": lambda: list(selectors.jabatan_terlebih(periode, user)),
        "jabatan_terkurang": lambda: list(selectors.jabatan_terkurang(periode, user)),
        "status_hasil": lambda: selectors.status_hasil(periode, user),
    }
    ukuran = {nama: ukur(f, n=20, pemanasan=2) for nama, f in dasbor.items()}

    def seluruh_dasbor():
        for f in dasbor.values():
            f()

    dasbor_total = ukur(seluruh_dasbor, n=10, pemanasan=1)

    lulus_penuh = penuh < BATAS_PENUH_DETIK
    lulus_rasio = rasio <= BATAS_RASIO
    print()
    print(f"Data: {n_peg} pegawai, {n_hasil} jabatan, {n_tugas} uraian tugas (periode {periode})")
    print(
        f"1. Hitung ulang penuh, semua baris ditulis ulang (SQL upsert): {penuh:.3f} s (median; "
        f"{', '.join(f'{x:.3f}' for x in sorted(semua_penuh))}) — batas {BATAS_PENUH_DETIK} s: "
        f"{'LULUS' if lulus_penuh else 'GAGAL'}"
    )
    print(f"   hitung ulang penuh tanpa perubahan (tidak ada baris ditulis): {penuh_tetap:.3f} s")
    print(
        f"   hitung ulang penuh setelah WKE diubah (semua angka berubah): {penuh_wke:.3f} s "
        f"(rasio {penuh_wke / sql_detik:.2f}×)"
    )
    print(f"   jalur Python (dipakai di SQLite), sebagai pembanding: {python_detik:.3f} s")
    print(
        f"2. Lantai: satu pernyataan SQL tulisan tangan yang menghitung dan menulis setiap kolom: "
        f"{sql_detik:.3f} s (median dari 5, berselang; "
        f"{', '.join(f'{x:.3f}' for x in sorted(semua_sql))})"
    )
    print(
        f"   rasio layanan ÷ lantai: {rasio:.2f}× — batas {BATAS_RASIO}×: "
        f"{'LULUS' if lulus_rasio else 'GAGAL'}"
    )
    print(f"   rasio tanpa perubahan ÷ lantai: {rasio_tetap:.2f}×")
    print(f"3. Hitung ulang satu unit setelah satu tugas berubah: {satu * 1000:.1f} ms (median)")
    print(f"   sunting tugas → tandai basi → commit → hitung unit: {edit * 1000:.1f} ms (median)")
    print("4. Selector dasbor (ms, p50 / p95):")
    for nama, u in ukuran.items():
        print(f"   {nama:<24} {u['p50']:8.1f} / {u['p95']:8.1f}")
    print(f"   {'seluruh dasbor':<24} {dasbor_total['p50']:8.1f} / {dasbor_total['p95']:8.1f}")
    return 0 if lulus_penuh and lulus_rasio else 1


if __name__ == "__main__":
    sys.exit(main())
