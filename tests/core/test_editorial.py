"""One editorial model for every kind of content (core/editorial.py), its roles (core/roles.py)
and its page-cache purging (pagecache/purge.py): a new kind of content declared with the
base gets all three with no code of its own."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection, models
from django.utils import timezone

import pagecache
from articles.models import Article
from core import editorial, roles
from core.editorial import Editorial, Status
from documents.models import Document
from pages.models import Page
from people.models import Person
from tests.factories import give_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def notice_model():
    """A kind of content the portal does not have, declared with the base and nothing else."""

    class Notice(Editorial):
        title = models.CharField("tiêu đề", max_length=100)

        class Meta:
            app_label = "core"
            verbose_name = "thông báo"

    with connection.schema_editor() as editor:
        editor.create_model(Notice)
    yield Notice
    with connection.schema_editor() as editor:
        editor.delete_model(Notice)
    del apps.all_models["core"]["notice"]
    apps.clear_cache()


def test_every_kind_of_content_is_built_on_the_one_editorial_model():
    assert {Article, Document, Page, Person} <= set(editorial.editorial_models())
    for model in (Article, Document, Page, Person):
        fields = {field.name for field in model._meta.fields}
        assert {"status", "published_at", "created_by", "created_at", "updated_at"} <= fields, model
        assert model.Status is Status


def test_a_new_kind_of_content_gets_the_public_rule(notice_model):
    now = timezone.now()
    shown = notice_model.objects.create(title="Đã đăng", status=Status.PUBLISHED, published_at=now - timedelta(hours=1))
    notice_model.objects.create(title="Bản nháp", status=Status.DRAFT, published_at=now - timedelta(hours=1))
    notice_model.objects.create(title="Chờ duyệt", status=Status.PENDING)
    notice_model.objects.create(title="Đã gỡ", status=Status.UNPUBLISHED)
    later = notice_model.objects.create(title="Hẹn giờ", status=Status.PUBLISHED, published_at=now + timedelta(days=1))
    assert list(notice_model.objects.published().values_list("title", flat=True)) == ["Đã đăng"]
    assert list(notice_model.objects.scheduled()) == [later]
    assert shown.is_published() and not later.is_published() and later.is_scheduled()
    assert later.public_state() == "Hẹn giờ đăng" and shown.public_state() == "Đã xuất bản"
    assert later.is_published(now + timedelta(days=2))  # its moment comes with nobody doing anything
    # The page cache keeps no page past the moment it appears.
    assert editorial.next_change(now) == later.published_at


def test_a_new_kind_of_content_gets_the_roles(notice_model):
    codenames = {codename for codename, _name in notice_model._meta.permissions}
    assert codenames == {"publish_notice", "change_any_notice"}
    roles.apply(models=[notice_model])
    writer, approver, admin = (User.objects.create_user(name, is_staff=True) for name in ("pv", "tk", "qt"))
    give_role(writer, roles.WRITERS)
    give_role(approver, roles.APPROVERS)
    give_role(admin, roles.ADMINS)
    writer, approver, admin = (User.objects.get(pk=user.pk) for user in (writer, approver, admin))  # fresh perms
    assert writer.has_perm("core.add_notice") and writer.has_perm("core.change_notice")
    assert not writer.has_perm("core.publish_notice") and not writer.has_perm("core.delete_notice")
    assert approver.has_perm("core.publish_notice") and approver.has_perm("core.change_any_notice")
    assert approver.has_perm("core.delete_notice")
    assert not admin.has_perm("core.add_notice")  # "Quản trị" runs ADMIN_APPS' models, and core is not one
    # A writer sees their own only; an approver every one.
    mine = notice_model.objects.create(title="Của tôi", created_by=writer)
    notice_model.objects.create(title="Của người khác", created_by=approver)
    assert list(notice_model.objects.for_editor(writer)) == [mine]
    assert notice_model.objects.for_editor(approver).count() == 2


def test_a_new_kind_of_content_clears_the_page_cache(notice_model, settings):
    before = pagecache.content_version()
    notice = notice_model.objects.create(title="Thông báo", status=Status.PUBLISHED)
    after_save = pagecache.content_version()
    assert after_save != before
    notice.delete()
    assert pagecache.content_version() != after_save


def test_a_model_that_names_narrower_tags_clears_only_those():
    from people.models import PEOPLE_TAG

    assert Person.page_cache_tags == (PEOPLE_TAG,)
    assert Article.page_cache_tags == (pagecache.CONTENT,)


def test_the_roles_table_gives_the_newsroom_what_it_had():
    """The three groups as README "For editors" describes them, from the one table."""
    writers = roles.permissions(roles.WRITERS)
    approvers = roles.permissions(roles.APPROVERS)
    admins = roles.permissions(roles.ADMINS)
    for app, model in (("articles", "article"), ("documents", "document"), ("pages", "page")):
        assert {(app, f"add_{model}"), (app, f"change_{model}"), (app, f"view_{model}")} <= writers
        assert (app, f"publish_{model}") not in writers and (app, f"delete_{model}") not in writers
        assert {(app, f"publish_{model}"), (app, f"change_any_{model}"), (app, f"delete_{model}")} <= approvers
    # The organisation is the administrators': approvers look, writers do not see it.
    assert not any(app == "people" for app, _codename in writers)
    assert {codename for app, codename in approvers if app == "people"} == {"view_person", "view_term", "view_unit"}
    assert {("people", "publish_person"), ("navigation", "change_menuitem"), ("articles", "add_tag")} <= admins
    assert ("contact", "change_message") in approvers and ("ratings", "view_vote") in approvers
    assert ("hits", "view_dailyviews") in admins and ("hits", "change_dailyviews") not in admins


def test_the_groups_in_the_database_are_the_table(db):
    for role in roles.ROLES:
        group = Group.objects.get(name=role)
        stored = set(group.permissions.values_list("content_type__app_label", "codename"))
        assert stored == roles.permissions(role), role
