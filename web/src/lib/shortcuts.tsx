// Keyboard shortcuts, one table for the handler and the help overlay. A screen opts in by
// marking its controls: data-shortcut="search" | "new" | "save"; lists and record views listen
// for the "bo:record" event (j/k) with detail +1 or -1.
import { useEffect, useRef, useState } from "react";

export const shortcuts: { keys: string[]; what: string }[] = [
  { keys: ["/"], what: "Search or filter the current list" },
  { keys: ["n"], what: "New record on the current screen (account, journal entry, order, pick list, billing run, receipt, dunning run, statement import)" },
  { keys: ["Ctrl", "S"], what: "Save the current form" },
  { keys: ["j"], what: "Next record" },
  { keys: ["k"], what: "Previous record" },
  { keys: ["Enter"], what: "Open the selected record in a list" },
  { keys: ["?"], what: "Show or hide this help" },
  { keys: ["Esc"], what: "Close this help" },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function visible(selector: string): HTMLElement | null {
  const candidates = Array.from(document.querySelectorAll<HTMLElement>(selector));
  return candidates.find((element) => element.offsetParent !== null && !element.hasAttribute("disabled")) ?? null;
}

export function useRecordKeys(onMove: (step: number) => void): void {
  const latest = useRef(onMove);
  latest.current = onMove;
  useEffect(() => {
    const listener = (event: Event) => latest.current((event as CustomEvent<number>).detail);
    window.addEventListener("bo:record", listener);
    return () => window.removeEventListener("bo:record", listener);
  }, []);
}

export function useShortcuts(enabled: boolean): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        visible('[data-shortcut="save"]')?.click();
        return;
      }
      if (event.key === "Escape") {
        setHelpOpen(false);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
        return;
      }
      const act = (run: () => void) => {
        event.preventDefault();
        run();
      };
      switch (event.key) {
        case "?":
          act(() => setHelpOpen((open) => !open));
          break;
        case "/":
          act(() => visible('[data-shortcut="search"]')?.focus());
          break;
        case "n":
          act(() => visible('[data-shortcut="new"]')?.click());
          break;
        case "j":
        case "k":
          act(() => window.dispatchEvent(new CustomEvent("bo:record", { detail: event.key === "j" ? 1 : -1 })));
          break;
        default:
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
  return { helpOpen, setHelpOpen };
}

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.what}>
                <td>
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && " + "}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
                <td>{shortcut.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
