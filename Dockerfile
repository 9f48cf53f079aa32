# One image for web, worker and beat (see docker-compose.yml); only the command differs.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 app

# Dependencies first, from the lockfile alone (pinned, hash-checked), so neither a code
# change nor a README edit reinstalls them.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
# gettext compiles the Spanish translations below; msgfmt is needed at build time only.
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

COPY . .
# Static files are collected into the image, so web, worker and beat share one manifest.
# The translations are compiled here (the .mo files are not in git).
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && DEBUG=false SECRET_KEY=compilemessages-only python manage.py compilemessages \
       -l es -i node_modules -i staticfiles \
    && mkdir -p var/media && chown -R app:app var

USER app
EXPOSE 8000
CMD ["gunicorn", "groups_site.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--no-control-socket"]
