"""Run every benchmark: seed the large database, then each `bench/bench_*.py` in name order.

How to run (from the repository root, or `make bench`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_asn_bench \
        .venv/bin/python bench/run_all.py [--tanpa-seed] [--hanya NAMA]

`seed_besar.py` runs first (pass `--tanpa-seed` to reuse a database seeded earlier); then every
`bench_*.py` beside this file, found at run time, so a new benchmark only needs a file with that
name whose exit code is 0 when its bars hold. Each script runs in its own process with the
same environment. Prints a summary; exit code 1 when any script failed.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import DATABASE_URL_BAWAAN  # noqa: E402


def temukan(hanya: str = "") -> list[Path]:
    skrip = sorted(HERE.glob("bench_*.py"))
    return [s for s in skrip if hanya in s.name]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tanpa-seed", action="store_true", help="Jangan jalankan seed_besar.py.")
    parser.add_argument("--hanya", default="", help="Hanya skrip bench_* yang namanya memuat ini.")
    args = parser.parse_args(argv)

    env = {**os.environ}
    env.setdefault("DATABASE_URL", DATABASE_URL_BAWAAN)
    urutan = ([] if args.tanpa_seed else [HERE / "seed_besar.py"]) + temukan(args.hanya)
    hasil = []
    for skrip in urutan:
        print(f"== {skrip.name}", flush=True)
        mulai = time.perf_counter()
        kode = subprocess.run([sys.executable, str(skrip)], env=env, cwd=HERE.parent).returncode
        hasil.append((skrip.name, kode, time.perf_counter() - mulai))
        if skrip.name == "seed_besar.py" and kode not in (0, 1):
            print("seed_besar.py tidak dapat berjalan; benchmark lain dilewati.")
            break
    print("\nRingkasan:")
    for nama, kode, detik in hasil:
        print(f"  {nama:<28} {'LULUS' if kode == 0 else f'GAGAL ({kode})':<10} {detik:6.1f} detik")
    return 0 if hasil and all(k == 0 for _, k, _ in hasil) else 1


if __name__ == "__main__":
    sys.exit(main())
