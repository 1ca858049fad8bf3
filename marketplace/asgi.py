import os

from django.core.asgi import get_asgi_application

from marketplace.core.server_start import prepare_for_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

application = get_asgi_application()
prepare_for_requests()
