// ProseMirror (basic schema, history), sending on Enter from a keymap plugin.
import "prosemirror-view/style/prosemirror.css";
import { history, redo, redoDepth, undo, undoDepth } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { schema } from "prosemirror-schema-basic";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { composer } from "./composer.js";

composer("prosemirror", async (host, { onEnter }) => {
  const view = new EditorView(host, {
    state: EditorState.create({
      schema,
      plugins: [
        history(),
        keymap({ "Mod-z": undo, "Mod-y": redo, "Shift-Mod-z": redo }),
        keymap({ Enter: () => (onEnter(), true) }),
      ],
    }),
    attributes: { class: "field", "aria-label": "Tulis komentar" },
  });
  return {
    field: view.dom,
    text: () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n"),
    clear: () => view.dispatch(view.state.tr.delete(0, view.state.doc.content.size)),
    snapshot: () => ({
      model: view.state.doc.toJSON(),
      selection: view.state.selection.toJSON(),
      undo: undoDepth(view.state),
      redo: redoDepth(view.state),
    }),
  };
});
