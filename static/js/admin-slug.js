// Fills the slug from the title as the editor types, the Vietnamese way: "Đảng bộ
// Gò Công Tây" -> "dang-bo-go-cong-tay" (Django's own URLify drops letters with
// Vietnamese marks). The server derives it again on save (articles/text.py).
// Admin media scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var title = document.getElementById("id_title") || document.getElementById("id_name");
  var slug = document.getElementById("id_slug");
  if (!title || !slug) {
    return;
  }
  var edited = slug.value !== "";
  slug.addEventListener("input", function () { edited = slug.value !== ""; });
  function slugify(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200);
  }
  title.addEventListener("input", function () {
    if (!edited) { slug.value = slugify(title.value); }
  });
});
