"""Request bodies and uploads: how large they may be, and where uploaded files are stored.

guichet.core.request_size refuses a body over these limits from its Content-Length, before
reading it (413). STORAGES["default"] (uploaded photos) is the local file system under
MEDIA_ROOT by default; with GUICHET_FILE_STORAGE=s3 it is an S3-compatible bucket
(django-storages), so that every web machine sees the same files.
"""

from typing import Any

from guichet.config.env import env_int, env_str
from guichet.config.settings.documents import DOCUMENTS_MAX_BYTES
from guichet.config.settings.intake import INTAKE_PHOTO_MAX_BYTES
from guichet.config.settings.static import STORAGES as _BASE_STORAGES

STORAGES: dict[str, dict[str, Any]] = dict(_BASE_STORAGES)

# A body that is not multipart (forms, JSON for the API) and the in-memory part of an upload.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
# A multipart body: the largest photo or document with room for the form's other fields.
REQUEST_UPLOAD_MAX_BYTES = env_int(
    "REQUEST_UPLOAD_MAX_BYTES", max(INTAKE_PHOTO_MAX_BYTES, DOCUMENTS_MAX_BYTES) + 256 * 1024
)
# Uploaded files are personal data: never world-readable.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

GUICHET_FILE_STORAGE = env_str("GUICHET_FILE_STORAGE", "filesystem")
if GUICHET_FILE_STORAGE == "s3":
    STORAGES = {
        **_BASE_STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("GUICHET_S3_BUCKET"),
                "endpoint_url": env_str("GUICHET_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("GUICHET_S3_REGION", "") or None,
                "access_key": env_str("GUICHET_S3_ACCESS_KEY_ID", "") or None,
                "secret_key": env_str("GUICHET_S3_SECRET_ACCESS_KEY", "") or None,
                "location": env_str("GUICHET_S3_PREFIX", ""),
                # Private objects, never a public URL; names are random, never overwritten.
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
elif GUICHET_FILE_STORAGE != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("GUICHET_FILE_STORAGE must be filesystem or s3.")
