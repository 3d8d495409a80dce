"""Time the rebalancing plan: eligible pairs and the min-cost flow, with memory, against greedy.

How to run (from the repository root):

    .venv/bin/python bench/bench_rencana.py                 # synthetic cities, no database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/bench_rencana.py --db        # also the city in that database

1. A city of 100,000 pegawai whose ABK leaves 10,000 candidates in surplus positions and 5,000
   shortage places (2,000 short posts, 9 in 10 naming their fields of study: some 600,000
   eligible pairs): facts → columns, eligible pairs and solve under 10 s end to end, the solver
   alone under 2 s (the issue's bars). Memory: peak traced by tracemalloc.
2. The same city with fewer field-of-study requirements: at least 1,000,000 eligible pairs
   (arcs), timed and reported. Wall and CPU time are both printed: the machine is shared.
3. `--db`: the plan of the city in DATABASE_URL (latest ABK period), read with the same
   selectors as the Celery task, timed from the first query.
Each reports the weighted shortage filled by the optimum and by the greedy baseline (largest
shortage first, cheapest candidate). Exit code 1 when a bar is missed.
"""

import argparse
import datetime
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import siapkan_django  # noqa: E402

BATAS_TOTAL = 10.0
BATAS_SOLVER = 2.0
HARI_INI = datetime.date(2026, 11, 30)


def kota_sintetis(
    n_calon: int, n_asal: int, n_target: int, tempat: int, seed: int, bagian_bidang: float
):
    """Candidates in `n_asal` surplus positions, `n_target` short positions with `tempat` places
    in all, spread over 30 agencies; kinds, families, education and grades drawn like a city's
    (most are pelaksana; JF families of teachers, nurses, midwives...)."""
    from instansi.choices import Golongan, JenisJabatan, Pendidikan
    from usulan_mutasi.aturan import FaktaJabatan, FaktaPegawai
    from usulan_mutasi.rencana.inti import Asal, Calon, Target

    rng = np.random.default_rng(seed)
    rumpun_jf = [
        "guru",
        "perawat",
        "bidan",
        "dokter",
        "pranata komputer",
        "analis kebijakan",
        "penyuluh pertanian",
        "pranata laboratorium kesehatan",
    ]
    rumpun_pl = ["pengadministrasi perkantoran", "penata layanan operasional", "pengelola keuangan"]
    pendidikan = [Pendidikan.SLTA, Pendidikan.D3, Pendidikan.S1, Pendidikan.PROFESI]
    golongan = [Golongan.II_A, Golongan.II_C, Golongan.III_A, Golongan.III_B, Golongan.III_C]
    bidang = [
        "pendidikan",
        "keperawatan",
        "kebidanan",
        "kedokteran",
        "akuntansi",
        "ekonomi",
        "hukum",
        "ilmu pemerintahan",
        "teknik sipil",
        "teknik informatika",
        "farmasi",
        "administrasi negara",
    ]

    def jabatan_acak():
        if rng.random() < 0.4:
            return JenisJabatan.PELAKSANA.value, rumpun_pl[rng.integers(len(rumpun_pl))]
        return JenisJabatan.FUNGSIONAL.value, rumpun_jf[rng.integers(len(rumpun_jf))]

    asal_jab = [jabatan_acak() for _ in range(n_asal)]
    kap = rng.integers(1, 6, n_asal)
    asal = [Asal(kapasitas=int(k), instansi=int(rng.integers(30))) for k in kap]
    calon = []
    for _ in range(n_calon):
        a = int(rng.integers(n_asal))
        jenis, rumpun = asal_jab[a]
        tmt = HARI_INI - datetime.timedelta(days=int(rng.integers(30, 7000)))
        fakta = FaktaPegawai(
            jabatan_asal_id=10_001 + a,
            jenis_asal=jenis,
            rumpun_asal=rumpun,
            pendidikan=int(pendidikan[rng.integers(len(pendidikan))]),
            golongan=int(golongan[rng.integers(len(golongan))]),
            tmt_jabatan=tmt,
            boleh_pindah_sejak=tmt + datetime.timedelta(days=183),
            tanggal_pensiun=HARI_INI + datetime.timedelta(days=int(rng.integers(100, 12000))),
            proses_disiplin=bool(rng.random() < 0.01),
            bidang_studi=bidang[rng.integers(len(bidang))],
        )
        calon.append(
            Calon(fakta=fakta, asal=a, instansi=asal[a].instansi, kelas=int(rng.integers(5, 10)))
        )
    kurang = np.maximum(1, rng.multinomial(tempat - n_target, np.ones(n_target) / n_target) + 1)
    target = []
    for i in range(n_target):
        jenis, rumpun = jabatan_acak()
        target.append(
            Target(
                fakta=FaktaJabatan(
                    id=500_001 + i,
                    jenis=jenis,
                    rumpun=rumpun,
                    pendidikan_minimal=int(pendidikan[rng.integers(3)]),
                    golongan_minimal=int(Golongan.II_A),
                    golongan_maksimal=int(Golongan.III_D),
                    # A share of the posts names the fields of study they take.
                    bidang_studi=tuple(sorted(set(rng.choice(bidang, 2).tolist())))
                    if rng.random() < bagian_bidang
                    else (),
                ),
                instansi=int(rng.integers(30)),
                kelas=int(rng.integers(5, 10)),
                kurang=int(kurang[i]),
                kebutuhan=int(kurang[i] + rng.integers(0, 10)),
            )
        )
    return calon, asal, target


def ukur(nama, fungsi):
    mulai, cpu = time.perf_counter(), time.process_time()
    hasil = fungsi()
    detik, cpu = time.perf_counter() - mulai, time.process_time() - cpu
    # CPU time beside wall time: the machine is shared, so wall time also counts waiting.
    print(f"  {nama:<42} {detik:7.3f} s (CPU {cpu:.3f} s)")
    return hasil, detik


def jalankan(judul, buat_masalah, *, bar=True, min_pasangan=0) -> bool:
    from usulan_mutasi.rencana.inti import bangun_pasangan, selesaikan, serakah

    print(judul)
    tracemalloc.start()
    m, t_muat = ukur("masukan → kolom", buat_masalah)
    ps, t_pasangan = ukur("pasangan layak (berbasis himpunan)", lambda: bangun_pasangan(m))
    hasil, t_solve = ukur("min-cost flow (termasuk membangun graf)", lambda: selesaikan(m, ps))
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pembanding, _ = ukur("serakah (pembanding)", lambda: serakah(m, ps))
    total = t_muat + t_pasangan + t_solve
    tempat = int(np.maximum(m.J.tempat, 0).sum())
    print(
        f"  calon {len(m.P):,} · jabatan kurang {len(m.J):,} · tempat {tempat:,} · pasangan "
        f"(busur) {len(ps.c):,}"
    )
    print(
        f"  solver saja (OR-Tools solve) {hasil.detik_solver:.3f} s · ujung ke ujung {total:.3f} s"
    )
    print(f"  memori puncak (tracemalloc) {puncak / 2**20:,.1f} MiB")
    print(
        f"  optimum: {len(hasil.c):,} mutasi, bobot kekurangan terisi {hasil.bobot_terisi:,.2f}, "
        f"biaya sekunder {hasil.biaya_sekunder:,}"
    )
    print(
        f"  serakah: {len(pembanding.c):,} mutasi, bobot kekurangan terisi "
        f"{pembanding.bobot_terisi:,.2f}, biaya sekunder {pembanding.biaya_sekunder:,}"
    )
    ok = pembanding.nilai <= hasil.nilai and len(ps.c) >= min_pasangan
    if bar:
        ok = ok and total < BATAS_TOTAL and hasil.detik_solver < BATAS_SOLVER
        print(
            f"  bar: total < {BATAS_TOTAL} s, solver < {BATAS_SOLVER} s → {'OK' if ok else 'GAGAL'}"
        )
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="store_true", help="Juga kota di DATABASE_URL.")
    parser.add_argument(
        "--tanpa-sejuta", action="store_true", help="Lewati instans 1.000.000 busur."
    )
    args = parser.parse_args(argv)
    siapkan_django()
    from usulan_mutasi.aturan import Konteks
    from usulan_mutasi.rencana.inti import PengaturanRencana, susun_masalah

    konteks = Konteks(hari_ini=HARI_INI)
    ok = True
    data = kota_sintetis(10_000, 2_500, 2_000, 5_000, seed=2026, bagian_bidang=0.9)
    ok &= jalankan(
        "Kota 100.000 pegawai: 10.000 calon × 5.000 tempat kekurangan",
        lambda: susun_masalah(*data, konteks, PengaturanRencana()),
    )
    if not args.tanpa_sejuta:
        besar = kota_sintetis(10_000, 2_500, 2_000, 5_000, seed=7, bagian_bidang=0.7)
        ok &= jalankan(
            "Instans besar: ≥ 1.000.000 busur pasangan",
            lambda: susun_masalah(*besar, konteks, PengaturanRencana()),
            bar=False,
            min_pasangan=1_000_000,
        )
    if args.db:
        from analisis_beban.selectors import periode_berlaku
        from usulan_mutasi.rencana.selectors import muat_masalah

        periode = periode_berlaku()
        if periode is None:
            print("Basis data tidak memiliki periode ABK; lewati --db.")
        else:
            ok &= jalankan(
                f"Kota di basis data (ABK {periode.tahun}), dibaca seperti tugas Celery",
                lambda: muat_masalah(periode=periode).masalah,
                bar=False,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
