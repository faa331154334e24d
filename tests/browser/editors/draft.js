// Draft.js (React 18), sending on Enter from its handleReturn prop.
import "draft-js/dist/Draft.css";
import { convertToRaw, Editor, EditorState } from "draft-js";
import { createElement as h, useState } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { composer } from "./composer.js";

composer("draft", async (host, { onEnter }) => {
  let state;
  let setState;
  function Composer() {
    const [s, set] = useState(() => EditorState.createEmpty());
    state = s;
    setState = set;
    return h(Editor, {
      editorState: s,
      onChange: set,
      placeholder: "Tulis komentar…",
      ariaLabel: "Tulis komentar",
      handleReturn: (e) => {
        if (e.shiftKey) return "not-handled";
        onEnter();
        return "handled";
      },
    });
  }
  const root = createRoot(host);
  flushSync(() => root.render(h(Composer)));
  return {
    field: host.querySelector(".public-DraftEditor-content"),
    text: () => state.getCurrentContent().getPlainText("\n"),
    clear: () => setState(EditorState.moveFocusToEnd(EditorState.createEmpty())),
    snapshot: () => ({
      model: convertToRaw(state.getCurrentContent()),
      selection: state.getSelection().toJS(),
      undo: state.getUndoStack().size,
      redo: state.getRedoStack().size,
    }),
  };
});
