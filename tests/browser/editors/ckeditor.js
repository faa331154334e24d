// CKEditor 5 (classic editor from its own packages, GPL licence key), sending on Enter from a high-priority listener
// on the editing view's "enter" event (which CKEditor fires from beforeinput/keydown).
import "@ckeditor/ckeditor5-ui/dist/index.css";
import "@ckeditor/ckeditor5-engine/dist/index.css";
import "@ckeditor/ckeditor5-editor-classic/dist/index.css";
import "@ckeditor/ckeditor5-widget/dist/index.css";
import { ClassicEditor } from "@ckeditor/ckeditor5-editor-classic";
import { Essentials } from "@ckeditor/ckeditor5-essentials";
import { Paragraph } from "@ckeditor/ckeditor5-paragraph";
import { composer } from "./composer.js";

composer("ckeditor", async (host, { onEnter }) => {
  const el = document.createElement("div");
  host.append(el);
  const editor = await ClassicEditor.create(el, {
    licenseKey: "GPL",
    plugins: [Essentials, Paragraph],
    toolbar: [],
    placeholder: "Tulis komentar…",
  });
  editor.editing.view.document.on("enter", (evt, data) => {
    if (data.isSoft) return;
    data.preventDefault();
    evt.stop();
    onEnter();
  }, { priority: "high" });
  const root = editor.model.document.getRoot();
  const paragraphs = () =>
    Array.from(root.getChildren(), (p) => Array.from(p.getChildren(), (t) => t.data ?? "").join(""));
  return {
    field: editor.ui.view.editable.element,
    text: () => paragraphs().join("\n"),
    clear: () => editor.setData(""),
    snapshot: () => ({
      model: root.toJSON(),
      data: editor.getData(),
      version: editor.model.document.version,
      selection: Array.from(editor.model.document.selection.getRanges(), (r) => r.toJSON()),
      undo: editor.commands.get("undo")._stack.length,
      redo: editor.commands.get("redo")._stack.length,
    }),
  };
});
