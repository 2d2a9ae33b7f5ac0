import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Letters are written to a throw-away media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
