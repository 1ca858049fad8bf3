import os

from django.core.wsgi import get_wsgi_application

from marketplace.core.server_start import prepare_for_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

application = get_wsgi_application()
prepare_for_requests()
