from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Almaty demo of `manage.py seed_demo`. The top layer: it is built on the other
    apps' models and services, has no models of its own, and no other app imports it."""

    name = "demo"
