# One image for web, Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# LibreOffice (headless, no GUI) turns the decree's DOCX into PDF in the Celery worker;
# postgresql-client's pg_dump/pg_restore make and restore the backups (manage.py cadangkan).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm libreoffice-writer-nogui \
    postgresql-client && rm -rf /var/lib/apt/lists/*
COPY requirements.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt && npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN useradd --create-home app && mkdir -p media private_media cadangan staticfiles && chown -R app /app
USER app
EXPOSE 8000
