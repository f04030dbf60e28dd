import os

from django.core.wsgi import get_wsgi_application

from isogov.conf import make_folders

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
make_folders()  # the SQLite file's and the static files' folders; importing the settings creates nothing
application = get_wsgi_application()
