"""The Editors group: researchers who curate events, but cannot manage users or permissions."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"

# model name -> the actions editors may take on it
EDITOR_PERMISSIONS = {
    "event": ["add", "change", "delete", "view"],
    "citation": ["add", "change", "delete", "view"],
    "figure": ["add", "change", "delete", "view"],
    "country": ["add", "change", "view"],
    "source": ["add", "change", "view"],
    "passage": ["view"],
    "participant": ["add", "change", "delete", "view"],
    "eventactor": ["add", "change", "delete", "view"],
    "eventrelation": ["add", "change", "delete", "view"],
    "actor": ["add", "change", "delete", "view"],
    "thread": ["add", "change", "delete", "view"],
    # Proposals are made by the machine; editors decide on them (policing/editorial/review.py).
    "proposal": ["change", "view"],
    # Releases are made by those given `make_release` as well (`create_editor --releases`).
    "release": ["view"],
    "correction": ["view"],
}


def ensure_editors_group(**kwargs) -> Group:
    """Create the group or bring its permissions up to date (runs after every migrate)."""
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="policing", codename__in=codenames
    )
    group.permissions.set(permissions)
    return group
