"""Shared set-up for the benchmark scripts in bench/.

Every script runs against the PostgreSQL database named by DATABASE_URL (default: the scratch
database `postgres://postgres@127.0.0.1:5432/mutasi_asn_bench`), never the development SQLite
file, and uses `mutasi_asn.settings.test` (DEBUG off, fast hashing) unless told otherwise.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL_BAWAAN = "postgres://postgres@127.0.0.1:5432/mutasi_asn_bench"


def siapkan_django():
    """Point Django at the bench database and call django.setup(); return the DATABASE_URL."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DATABASE_URL_BAWAAN)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutasi_asn.settings.test")
    import django

    django.setup()
    return os.environ["DATABASE_URL"]


def persentil(nilai: list[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation, as numpy's default."""
    urut = sorted(nilai)
    if not urut:
        return float("nan")
    k = (len(urut) - 1) * p / 100
    bawah = int(k)
    atas = min(bawah + 1, len(urut) - 1)
    return urut[bawah] + (urut[atas] - urut[bawah]) * (k - bawah)


def ukur(fungsi, n: int, pemanasan: int = 5) -> dict:
    """Call `fungsi` `pemanasan` times unmeasured, then `n` times; times in milliseconds.

    `p50`/`p95`/`maks` are wall-clock; `cpu_p50` is this process's own CPU time (the database
    server's work not included), which other load on the machine disturbs much less.
    """
    for _ in range(pemanasan):
        fungsi()
    waktu, cpu = [], []
    for _ in range(n):
        mulai, mulai_cpu = time.perf_counter(), time.process_time()
        fungsi()
        waktu.append((time.perf_counter() - mulai) * 1000)
        cpu.append((time.process_time() - mulai_cpu) * 1000)
    return {
        "n": n,
        "p50": statistics.median(waktu),
        "p95": persentil(waktu, 95),
        "maks": max(waktu),
        "cpu_p50": statistics.median(cpu),
    }
