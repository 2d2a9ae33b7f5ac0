"""Root pytest configuration: shared plugins for every app's tests."""

pytest_plugins = ["guichet.testing.browser"]
