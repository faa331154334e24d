// TinyMCE in its classic iframe mode, self-hosted: the skins come from /tinymce/ (this
// repository's node_modules/tinymce), nothing from a cloud. Sends on Enter from the editor's
// keydown event, which fires inside the iframe.
import tinymce from "tinymce";
import "tinymce/models/dom";
import "tinymce/themes/silver";
import "tinymce/icons/default";
import { composer } from "./composer.js";

composer("tinymce", async (host, { onEnter }) => {
  const el = document.createElement("textarea");
  host.append(el);
  const [editor] = await tinymce.init({
    target: el,
    license_key: "gpl",
    base_url: "/tinymce",
    skin_url: "/tinymce/skins/ui/oxide",
    content_css: "/tinymce/skins/content/default/content.min.css",
    menubar: false,
    toolbar: false,
    statusbar: false,
    promotion: false,
    branding: false,
    height: 160,
    setup(ed) {
      ed.on("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          onEnter();
        }
      });
    },
  });
  return {
    field: editor.getBody(),
    text: () => editor.getContent({ format: "text" }),
    clear: () => editor.setContent(""),
    snapshot: () => ({
      model: editor.getContent(),
      selection: editor.selection.getBookmark(2, true),
      undo: editor.undoManager.data.length,
      undoIndex: editor.undoManager.index ?? null,
    }),
  };
});
