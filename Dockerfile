# One image for web, Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# LibreOffice (headless, no GUI) turns the decree's DOCX into PDF in the Celery worker.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm libreoffice-writer-nogui \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt && npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN useradd --create-home app && mkdir -p media private_media staticfiles && chown -R app /app
USER app
EXPOSE 8000
