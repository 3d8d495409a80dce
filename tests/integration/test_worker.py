def test_worker_celery_sungguhan_menjawab_lewat_redis(celery_worker_proses):
    app = celery_worker_proses["app"]
    jawaban = app.control.ping(destination=[celery_worker_proses["nama"]], timeout=5)
    assert jawaban and celery_worker_proses["nama"] in jawaban[0]


def test_healthz_melaporkan_broker_ok(celery_worker_proses, admin_client):
    data = admin_client.get("/healthz").json()
    assert data == {**data, "database": "ok", "broker": "ok", "status": "ok"}
