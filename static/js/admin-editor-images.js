/* A photo put into CKEditor asks at once for its caption and its description (issue 16).

   CKEditor 5 hides both behind the image's own toolbar ("Hiện chú thích", "Đổi chữ alt
   của ảnh" in its Vietnamese): editors missed them. Here, for every CKEditor of the
   newsroom's forms (templates/django/admin/workflow_change_form.html):
   - the buttons and fields say what they are for: "Chú thích ảnh", "Mô tả ảnh cho người
     khiếm thị";
   - a photo just inserted or uploaded gets its caption line (empty, with its placeholder)
     and the description box opens, with the cursor in it.
   A static file, no inline code: the admin's CSP stays as it is. */
(function () {
  "use strict";

  // CKEditor's own Vietnamese, replaced where it is unclear (dist/translations/vi.js).
  var WORDS = {
    "Toggle caption on": "Chú thích ảnh",
    "Toggle caption off": "Bỏ chú thích ảnh",
    "Enter image caption": "Nhập chú thích ảnh",
    "Caption for the image": "Chú thích ảnh",
    "Caption for image: %0": "Chú thích ảnh: %0",
    "Change image text alternative": "Mô tả ảnh cho người khiếm thị",
    "Change image alternative text": "Mô tả ảnh cho người khiếm thị",
    "Text alternative": "Mô tả ảnh cho người khiếm thị",
    "Text Alternative": "Mô tả ảnh cho người khiếm thị",
  };

  function useOurWords() {
    var all = (window.CKEDITOR_TRANSLATIONS = window.CKEDITOR_TRANSLATIONS || {});
    var vi = (all.vi = all.vi || {});
    vi.dictionary = Object.assign(vi.dictionary || {}, WORDS);
  }

  function isImage(element) {
    return element && (element.is("element", "imageBlock") || element.is("element", "imageInline"));
  }

  function askForCaptionAndDescription(editor) {
    var image = editor.model.document.selection.getSelectedElement();
    if (!isImage(image)) {
      return;
    }
    var caption = editor.commands.get("toggleImageCaption");
    if (caption && caption.isEnabled && !caption.value) {
      editor.execute("toggleImageCaption");
    }
    // The toolbar button's own action: opens the description box beside the image.
    editor.ui.componentFactory.create("imageTextAlternative").fire("execute");
  }

  function watch(editor) {
    ["insertImage", "uploadImage", "imageInsert", "imageUpload"].forEach(function (name) {
      var command = editor.commands.get(name);
      if (!command) {
        return;
      }
      // After the command has put the image in (and selected it); an upload's file is
      // still on its way, its element is there already.
      command.on(
        "execute",
        function () {
          window.setTimeout(function () {
            askForCaptionAndDescription(editor);
          }, 0);
        },
        { priority: "low" },
      );
    });
  }

  // Our words before vi.js's when this file runs after it; again just before the editors are
  // made (django-ckeditor-5 makes them on DOMContentLoaded) when it runs before it.
  useOurWords();
  document.addEventListener("DOMContentLoaded", function () {
    useOurWords();
    if (typeof window.ckeditorRegisterCallback !== "function") {
      return;
    }
    document.querySelectorAll("textarea.django_ckeditor_5").forEach(function (textarea) {
      var made = window.editors && window.editors[textarea.id];
      if (made) {
        watch(made);
      } else {
        window.ckeditorRegisterCallback(textarea.id, watch);
      }
    });
  });
})();
