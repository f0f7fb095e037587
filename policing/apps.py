from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PolicingConfig(AppConfig):
    name = "policing"
    verbose_name = "Policing diplomacy timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The editors' admin lives in policing/editorial/, where autodiscovery does not look.
        from policing.editorial import admin  # noqa: F401
        from policing.editorial.editors import ensure_editors_group
        from policing.models import signals
        from policing.web import release_admin  # noqa: F401  (needs the exports: see its doc)

        signals.connect()

        # Permissions only exist after migrate has run, so the group is kept in step then.
        post_migrate.connect(ensure_editors_group, sender=self)
