"""Root pytest configuration: shared plugins for every app's tests."""

pytest_plugins = [
    "guichet.testing.browser",
    "guichet.testing.reference_data",
    "guichet.testing.translations",
    "guichet.testing.staff",
    "guichet.testing.process_state",
]
