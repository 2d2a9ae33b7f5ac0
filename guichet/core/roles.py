"""Staff roles as Django groups, and the permissions each one holds.

Apps grant their own permissions to roles from their migrations with `grant()`, so a role is the
sum of what each module says it may do. Migrations pass their historical `apps` registry.
"""

from typing import Any

MAILROOM = "mailroom"
OFFICER = "officer"
AGENT = "agent"
MANAGER = "manager"
ADMINISTRATOR = "administrator"
ROLES = (MAILROOM, OFFICER, AGENT, MANAGER, ADMINISTRATOR)


def grant(
    apps: Any,
    *,
    app_label: str,
    model: str,
    permissions: dict[str, str],
    roles: dict[str, list[str]],
) -> None:
    """Create `permissions` (codename -> name) on app_label.model and give them to roles.

    `roles` maps a role name to the codenames it receives; the administrator gets them all.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    created = {
        codename: Permission.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": name}
        )[0]
        for codename, name in permissions.items()
    }
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = list(created) if role == ADMINISTRATOR else roles.get(role, [])
        group.permissions.add(*(created[c] for c in wanted))


def roles_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Run every Guichet app's `*_roles` data migration again; each one is idempotent."""
    from importlib import import_module
    from pkgutil import iter_modules

    from django.apps import apps as registry

    for app_config in registry.get_app_configs():
        if not app_config.name.startswith("guichet."):
            continue
        try:
            migrations = import_module(f"{app_config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for module in iter_modules(migrations.__path__):
            if module.name.endswith("_roles"):
                import_module(f"{migrations.__name__}.{module.name}").forwards(registry, None)
