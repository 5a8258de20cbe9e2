// A form's closing row: the primary submit (Ctrl+S) and a way out without saving.
export function FormActions({ label, busy, disabled, onCancel }: { label: string; busy: boolean; disabled?: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy || disabled} data-shortcut="save">
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
