// A form's one write: busy while it runs, the API's refusal (field errors by path, renamed by
// `aliases` to the form's own names) and an Idempotency-Key kept until the server answers, so
// that a retry after a lost answer does the thing once; an answered refusal gets a new key.
import { useRef, useState } from "react";
import { newIdempotencyKey, request } from "../lib/api";
import { type Refusal, refusalOf } from "../screens/sales/parts";

export function useSubmit(what: string) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  // POSTs `body` to `path`; the answer, or null after showing the refusal.
  const submit = async <T,>(path: string, body: unknown, aliases: Record<string, string> = {}): Promise<T | null> => {
    setBusy(true);
    try {
      const answer = await request<T>("POST", path, { body, idempotencyKey: key.current });
      setRefusal(null);
      key.current = newIdempotencyKey();
      return answer;
    } catch (error) {
      const refused = refusalOf(error, what, aliases);
      if (refused.answered) {
        key.current = newIdempotencyKey();
      }
      setRefusal(refused);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { refusal, errors: refusal?.errors ?? {}, busy, submit, clear: () => setRefusal(null) };
}
