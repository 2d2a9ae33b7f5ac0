"""Uploaded files go where configuration says: the local disk by default, an S3-compatible
bucket with GUICHET_FILE_STORAGE=s3, so that every web machine sees the same photos."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.test import override_settings

import guichet.config.settings.uploads as uploads

S3_ENV = {
    "GUICHET_FILE_STORAGE": "s3",
    "GUICHET_S3_BUCKET": "guichet-uploads",
    "GUICHET_S3_ENDPOINT_URL": "https://objects.example.ca",
    "GUICHET_S3_REGION": "ca-central-1",
    "GUICHET_S3_ACCESS_KEY_ID": "key-id",
    "GUICHET_S3_SECRET_ACCESS_KEY": "not-a-secret",
}


@pytest.fixture
def reload_uploads(monkeypatch):
    def load(env):
        for name in S3_ENV:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(uploads)

    yield load
    for name in S3_ENV:
        monkeypatch.delenv(name, raising=False)
    importlib.reload(uploads)


def test_the_local_file_system_is_the_default(reload_uploads):
    module = reload_uploads({})
    assert module.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert module.STORAGES["staticfiles"]  # the static files' storage is kept


def test_s3_is_chosen_by_environment_variables_with_private_objects(reload_uploads):
    module = reload_uploads(S3_ENV)
    default = module.STORAGES["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "guichet-uploads"
    assert default["OPTIONS"]["endpoint_url"] == "https://objects.example.ca"
    assert default["OPTIONS"]["default_acl"] == "private"
    assert default["OPTIONS"]["file_overwrite"] is False
    with override_settings(STORAGES=module.STORAGES):
        storage = storages.create_storage(module.STORAGES["default"])
        assert type(storage).__name__ == "S3Storage"
        assert storage.bucket_name == "guichet-uploads"


def test_s3_without_a_bucket_refuses_to_start(reload_uploads):
    with pytest.raises(ImproperlyConfigured, match="GUICHET_S3_BUCKET"):
        reload_uploads({"GUICHET_FILE_STORAGE": "s3"})


def test_an_unknown_storage_refuses_to_start(reload_uploads):
    with pytest.raises(ImproperlyConfigured, match="GUICHET_FILE_STORAGE"):
        reload_uploads({"GUICHET_FILE_STORAGE": "nfs"})


def test_photos_are_stored_and_removed_through_the_configured_storage_only():
    """No code reaches for a local path: what works on disk works on a bucket."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for source in root.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        assert "settings.MEDIA_ROOT" not in text, source
        assert ".path(" not in text or "default_storage" not in text, source
