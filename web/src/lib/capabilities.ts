// What the server offers beyond the basics, read from its own OpenAPI document
// (/api/v1/openapi.json, fetched once): a report gets download links only when its operation
// declares a `format` query parameter, so the app never shows a button the server cannot serve.

interface Parameter {
  name?: string;
  in?: string;
  $ref?: string;
  schema?: { enum?: string[] };
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components?: { parameters?: Record<string, Parameter> };
}

let documentPromise: Promise<Document | null> | null = null;

function loadDocument(): Promise<Document | null> {
  if (!documentPromise) {
    documentPromise = fetch("/api/v1/openapi.json", { credentials: "same-origin" })
      .then((response) => (response.ok ? (response.json() as Promise<Document>) : null))
      .catch(() => null);
  }
  return documentPromise;
}

const knownFormats = ["csv", "xlsx", "pdf"];

// The file formats `GET path` offers through `?format=` (subset of csv, xlsx, pdf), or none.
export async function exportFormats(path: string): Promise<string[]> {
  const document = await loadDocument();
  const operation = document?.paths[path]?.get;
  if (!document || !operation) {
    return [];
  }
  for (const raw of operation.parameters ?? []) {
    const parameter = raw.$ref ? document.components?.parameters?.[raw.$ref.split("/").pop() ?? ""] : raw;
    if (parameter?.name === "format" && parameter.in === "query") {
      const offered = parameter.schema?.enum ?? knownFormats;
      return knownFormats.filter((format) => offered.includes(format));
    }
  }
  return [];
}

// Whether the server offers `method path` (a path as the document writes it, e.g.
// "/api/v1/sales-orders"): screens show a section or a button only for what exists.
export async function offers(path: string, method: "get" | "post" | "put" | "patch" | "delete" = "get"): Promise<boolean> {
  const document = await loadDocument();
  return Boolean(document?.paths[path]?.[method]);
}
