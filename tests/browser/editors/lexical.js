// Lexical (plain text + history), sending on Enter from a KEY_ENTER_COMMAND handler.
import {
  $createParagraphNode, $getRoot, $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH,
  createEditor, KEY_ENTER_COMMAND,
} from "lexical";
import { registerPlainText } from "@lexical/plain-text";
import { createEmptyHistoryState, registerHistory } from "@lexical/history";
import { composer } from "./composer.js";

composer("lexical", async (host, { onEnter }) => {
  const root = document.createElement("div");
  root.contentEditable = "true";
  root.className = "field";
  root.setAttribute("aria-label", "Tulis komentar");
  host.append(root);
  const editor = createEditor({ namespace: "composer", onError: (e) => { throw e; } });
  editor.setRootElement(root);
  registerPlainText(editor);
  const history = createEmptyHistoryState();
  registerHistory(editor, history, 300);
  editor.registerCommand(KEY_ENTER_COMMAND, (event) => {
    if (event?.shiftKey) return false;
    event?.preventDefault();
    onEnter();
    return true;
  }, COMMAND_PRIORITY_HIGH);
  return {
    field: root,
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    clear: () => editor.update(() => $getRoot().clear().append($createParagraphNode())),
    snapshot() {
      const state = editor.getEditorState();
      const selection = state.read(() => {
        const s = $getSelection();
        return $isRangeSelection(s)
          ? { anchor: [s.anchor.key, s.anchor.offset], focus: [s.focus.key, s.focus.offset] }
          : null;
      });
      return { model: state.toJSON(), selection, undo: history.undoStack.length, redo: history.redoStack.length };
    },
  };
});
