"""The newsroom's roles and what each may do, declared once for every kind of content.

Three groups (README "For editors"): writers draft and send for review, approvers
publish, "Quản trị" runs the site. Every model built on core.editorial.Editorial gets
NEWSROOM without a word here; GRANTS names the models whose rights differ, one line a
model; "Quản trị" may do everything with every model of ADMIN_APPS, unless its line
says otherwise. apply() makes the groups and gives them these permissions after every
`migrate` (core/apps.py), so a new kind of content needs no data migration of its own.

It only ever adds: a permission an administrator gave a group by hand stays, and so
does every group's membership.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .editorial import Editorial

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"
ROLES = (WRITERS, APPROVERS, ADMINS)  # from the least to the most allowed

VIEW = ("view",)
WRITE = ("add", "change", "view")
APPROVE = (*WRITE, "delete", "publish", "change_any")
FILES = ("add", "change", "delete", "view")  # a document's files, edited in its form

# Every kind of content: writers write their own, approvers publish anyone's.
NEWSROOM = {WRITERS: WRITE, APPROVERS: APPROVE}

# The models whose rights are not NEWSROOM's (nor, for "Quản trị", everything).
GRANTS = {
    "articles.category": {WRITERS: VIEW, APPROVERS: VIEW},
    "articles.sitebanner": {WRITERS: VIEW, APPROVERS: VIEW},
    "articles.featuredfrombelow": {APPROVERS: FILES},  # a commune's article on the province's home
    "documents.documentfile": {WRITERS: FILES, APPROVERS: FILES},
    "documents.documenttype": {WRITERS: VIEW, APPROVERS: VIEW},
    "documents.issuer": {WRITERS: VIEW, APPROVERS: VIEW},
    "documents.field": {WRITERS: VIEW, APPROVERS: VIEW},
    "ratings.vote": {APPROVERS: VIEW},
    "contact.message": {APPROVERS: ("view", "change")},
    "hits.dailyviews": {WRITERS: VIEW, APPROVERS: VIEW, ADMINS: VIEW},
    # The organisation is the administrators' (content all the same: published, cached, revised).
    "people.person": {APPROVERS: VIEW},
    "people.term": {APPROVERS: VIEW},
    "people.unit": {APPROVERS: VIEW},
}

# "Quản trị": every permission of these apps' models.
ADMIN_APPS = (
    "admin",
    "auth",
    "reversion",
    "articles",
    "ratings",
    "documents",
    "pages",
    "people",
    "contact",
    "navigation",
)


def _codenames(model) -> list[str]:
    opts = model._meta
    return [f"{action}_{opts.model_name}" for action in opts.default_permissions] + [
        codename for codename, _name in opts.permissions
    ]


def actions(role: str, model) -> tuple[str, ...]:
    """What `role` may do with `model`, as the codenames' first words ("add", "publish" ...)."""
    line = GRANTS.get(model._meta.label_lower)
    if line is not None and role in line:
        return line[role]
    if role == ADMINS and model._meta.app_label in ADMIN_APPS:
        return tuple(codename.removesuffix(f"_{model._meta.model_name}") for codename in _codenames(model))
    if line is None and issubclass(model, Editorial):
        return NEWSROOM.get(role, ())
    return ()


def permissions(role: str, models=None) -> set[tuple[str, str]]:
    """(app_label, codename) of every permission `role` has, over every installed model."""
    found = set()
    for model in models if models is not None else global_apps.get_models():
        for action in actions(role, model):
            found.add((model._meta.app_label, f"{action}_{model._meta.model_name}"))
    return found


def apply(using: str = DEFAULT_DB_ALIAS, apps=global_apps, models=None) -> None:
    """Make the three groups, and give each the permissions of the table (adding, never removing).
    `apps` is a migration's state when called from one; `models`, the models to read (all)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are made per app after its migrations; these need all of them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if models is not None:  # a model installed after the start (a test's): its permissions too
        _create_model_permissions(models, using, apps)
    ids = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role in ROLES:
        group = Group.objects.using(using).get_or_create(name=role)[0]
        wanted = permissions(role, models)
        group.permissions.add(*(ids[key] for key in wanted if key in ids))


def _create_model_permissions(models, using, apps) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in models:
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        names = dict(model._meta.permissions)
        for codename in _codenames(model):
            action = codename.removesuffix(f"_{model._meta.model_name}")
            name = names.get(codename) or f"Can {action} {model._meta.verbose_name_raw}"
            Permission.objects.using(using).get_or_create(
                content_type=content_type, codename=codename, defaults={"name": str(name)[:255]}
            )


def apply_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate is sent once for each app with models: the roles are applied once, after the last."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if with_models and sender.label == with_models[-1].label:
        apply(using=using, apps=apps)
