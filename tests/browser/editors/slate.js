// Slate with slate-react (React 18), sending on Enter from the Editable's onKeyDown.
import { createElement as h } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { createEditor, Editor, Node, Transforms } from "slate";
import { withHistory } from "slate-history";
import { Editable, Slate, withReact } from "slate-react";
import { composer } from "./composer.js";

composer("slate", async (host, { onEnter }) => {
  const editor = withHistory(withReact(createEditor()));
  const initialValue = [{ type: "paragraph", children: [{ text: "" }] }];
  const onKeyDown = (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      onEnter();
    }
  };
  const root = createRoot(host);
  flushSync(() =>
    root.render(h(Slate, { editor, initialValue },
      h(Editable, { className: "field", placeholder: "Tulis komentar…", onKeyDown }))),
  );
  return {
    field: host.querySelector("[data-slate-editor]"),
    text: () => editor.children.map((n) => Node.string(n)).join("\n"),
    clear: () =>
      Transforms.delete(editor, { at: { anchor: Editor.start(editor, []), focus: Editor.end(editor, []) } }),
    snapshot: () => ({
      model: editor.children,
      selection: editor.selection,
      undo: editor.history.undos.length,
      redo: editor.history.redos.length,
    }),
  };
});
