// Quill 2 (no theme), sending on Enter from a keyboard-module binding.
import "quill/dist/quill.core.css";
import Quill from "quill";
import { composer } from "./composer.js";

composer("quill", async (host, { onEnter }) => {
  const quill = new Quill(host, {
    placeholder: "Tulis komentar…",
    modules: {
      keyboard: {
        bindings: {
          send: { key: "Enter", shiftKey: false, handler: () => (onEnter(), false) },
        },
      },
    },
  });
  return {
    field: quill.root,
    text: () => quill.getText().replace(/\n$/, ""),
    clear: () => quill.setText(""),
    snapshot: () => ({
      model: quill.getContents().ops,
      selection: quill.getSelection(),
      undo: quill.history.stack.undo.length,
      redo: quill.history.stack.redo.length,
    }),
  };
});
