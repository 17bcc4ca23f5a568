"""The old site's modules (nv4_vi_modules): the title each one's addresses begin with ("news",
"about", or one the site chose, "Tin-tuc"), what it runs (module_file) and its tables
(module_data). Kept as nukeviet.OldModule, so that every old address finds its module, and read
first by the importers, so that each knows its module's address and tables."""

from .models import OldModule
from .report import Item

KIND = "modules.module"


class ModulesImporter:
    def __init__(self, source, report, *, news_module: str = "news"):
        self.source, self.report, self.news_module = source, report, news_module
        self.rows: list[dict] = []

    def present(self) -> bool:
        return self.source.has_table(self.source.table("modules"))

    def read(self) -> None:
        if self.present():
            self.rows = self.source.all(self.source.table("modules"), "weight, title")

    def run(self) -> None:
        """Every module row kept, and the one the short form of links leaves out: NukeViet's
        rewrite_op_mod (else the site's home module)."""
        if not self.rows:
            return
        home = self.source.config("rewrite_op_mod") or self.source.config(
            "site_home_module", module="global", lang=self.source.lang
        )
        wanted = {}
        for r in self.rows:
            title = str(r["title"]).strip()
            if not title:
                continue
            per_page = 0
            if r["module_file"] == "news":
                per_page = int(self.source.config("per_page", module=title, lang=self.source.lang) or 0)
            wanted[title] = OldModule(
                title=title[:100],
                module_file=str(r["module_file"])[:50],
                module_data=str(r.get("module_data") or title)[:50],
                custom_title=str(r.get("custom_title") or "")[:250],
                is_home=title == home,
                per_page=min(per_page, 1000),
            )
        have = {m.title: m for m in OldModule.objects.all()}
        for title, module in wanted.items():
            old = have.get(title)
            fields = ("module_file", "module_data", "custom_title", "is_home", "per_page")
            if old and all(getattr(old, f) == getattr(module, f) for f in fields):
                self.report.count(KIND, "unchanged")
                continue
            if old:
                module.pk = old.pk
            module.save()
            self.report.count(KIND, "updated" if old else "imported")
        for title in set(have) - set(wanted):
            self.report.doubt(
                Item(KIND, title, f"/{title}/"), "không còn trên cổng cũ; các địa chỉ cũ của nó vẫn được giữ"
            )

    def titles(self, module_file: str, module_data: str | None = None) -> list[str]:
        """The titles (address names) of the old site's modules that run `module_file` (with those tables)."""
        return [
            str(r["title"])
            for r in self.rows
            if r["module_file"] == module_file and (module_data is None or r.get("module_data") == module_data)
        ]

    def data_of(self, module_file: str) -> list[str]:
        """The table names (module_data) of the old site's modules that run `module_file`."""
        return sorted({str(r.get("module_data") or r["title"]) for r in self.rows if r["module_file"] == module_file})
