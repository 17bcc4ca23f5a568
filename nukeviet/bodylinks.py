"""Links inside imported bodies to other pages of the old site, written as the new address of
the same thing (nukeviet/oldlinks.py, the resolver readers' old links go through too), never
as another old shape that would cost a redirect.

A link to something imported earlier in the run is rewritten at once; one to something not
there yet (a later article, a page or a document, imported after the news) waits for the end
of the run (Relinker.finish), when everything is in. A link that names nothing the old site
had loses its address, keeps its words, and is reported.
"""

from collections import OrderedDict, defaultdict

from django.db import transaction

from .bodies import rewrite_addresses
from .links import old_address, parse
from .models import ImportedRecord
from .oldlinks import GONE, modules, resolve
from .records import content_digest

RECENT = 20_000


class Relinker:
    def __init__(self, domains, report):
        self.domains = domains
        self.report = report
        self.kinds: dict[str, tuple] = {}  # record kind -> (model, the fields its digest covers)
        self.waiting: dict[str, dict[int, tuple]] = defaultdict(dict)  # kind -> {pk: (item, old links)}
        # The new addresses of the articles this run imported last, by old id: old bodies mostly link
        # recent news, and a query a link was a fifth of the import's time.
        self.recent: OrderedDict[int, str] = OrderedDict()
        self.deferred: list[str] = []  # the body just rewritten links these, still to come (importers reset it)
        self._modules = None

    def imported_article(self, legacy_id: int, url: str) -> None:
        self.recent[legacy_id] = url
        if len(self.recent) > RECENT:
            self.recent.popitem(last=False)

    def register(self, kind: str, model, fields) -> None:
        self.kinds[kind] = (model, fields)

    def new_address(self, old: str, item=None) -> str | None:
        """The new address of a link to the old site's page `old`; None when it is not such a link
        or its target is still to come (self.deferred); "" once the run is over (item given) for
        one that names nothing here (reported)."""
        found = old_address(old, self.domains)
        if found is None:
            return None
        if self._modules is None:
            self._modules = modules(fresh=True)
        link = parse(*found, self._modules)
        if link is None:
            return None
        number = link.article[2] if link.module == "news" and link.article else None
        if number in self.recent and link.op[0] not in ("print", "savefile"):
            target = self.recent[number]
        else:
            target = resolve(link, public=False)
        if target is None or target == GONE:
            if item is None:
                self.deferred.append(old)
                return None
            self.report.doubt(item, f"liên kết tới trang cũ {old} không có ở cổng mới: bỏ liên kết, giữ chữ")
            return ""
        fragment = old.split("#", 1)[1] if "#" in old else ""
        return f"{target}#{fragment}" if fragment else target

    def wait(self, kind: str, pk: int, item) -> None:
        """`pk` of `kind` has links (self.deferred) to look at again once everything is in."""
        self.waiting[kind][pk] = (item, set(self.deferred))

    def finish(self) -> None:
        """The links that waited, rewritten now that the whole old site is in."""
        self._modules = None  # the run may have read the old site's modules since
        with transaction.atomic():
            self._finish()

    def _finish(self) -> None:
        for kind, waiting in self.waiting.items():
            model, fields = self.kinds[kind]
            for obj in model.objects.filter(pk__in=sorted(waiting)).iterator(chunk_size=500):
                item, links = waiting[obj.pk]
                body = rewrite_addresses(
                    obj.body, lambda tag, old, item=item, links=links: self._final(tag, old, item, links)
                )
                if body == obj.body:
                    continue
                # Only addresses change: the text, the search text and the sanitising stay as saved.
                obj.body = body
                model.objects.filter(pk=obj.pk).update(body=body)
                ImportedRecord.objects.filter(kind=kind, legacy_key=item.key).update(
                    content=content_digest(obj, fields)
                )
        self.waiting.clear()

    def _final(self, tag: str, old: str, item, links: set[str]):
        """Only the links that waited: the others are the new addresses already."""
        return self.new_address(old, item) if tag == "a" and old in links else None
