// The API reference page, drawn from this server's own OpenAPI schema (no CDN-hosted UI).
import { el, clear, getJSON, setStatus } from "./dom.js";

export async function start() {
  const status = document.getElementById("docs-status");
  const box = clear(document.getElementById("endpoints"));
  try {
    const spec = await getJSON("/openapi.json");
    setStatus(status, `${spec.info.title} ${spec.info.version}: ${spec.info.description || ""}`);
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) box.append(endpoint(spec, path, method, op));
    }
  } catch (err) {
    setStatus(status, `Could not load the schema: ${err.message}`, "error");
  }
}

function endpoint(spec, path, method, op) {
  const params = op.parameters || [];
  const body = op.requestBody ? schemaName(op.requestBody.content?.["application/json"]?.schema) : null;
  return el("section", { class: "endpoint", id: op.operationId },
    el("h2", {}, el("span", { class: `method method-${method}`, text: method.toUpperCase() }), " ", el("code", { text: path })),
    op.description ? el("p", { text: op.description }) : (op.summary ? el("p", { text: op.summary }) : null),
    params.length
      ? el("table", { class: "params" },
          el("thead", {}, el("tr", {}, ["name", "in", "type", "required", "description"].map((h) => el("th", { text: h })))),
          el("tbody", {}, params.map((p) => el("tr", {},
            el("td", {}, el("code", { text: p.name })),
            el("td", { text: p.in }),
            el("td", { text: typeOf(p.schema) }),
            el("td", { text: p.required ? "yes" : "" }),
            el("td", { text: p.description || p.schema?.description || "" })))))
      : null,
    body ? el("p", {}, "Body: ", el("code", { text: body })) : null,
    el("p", { class: "responses" }, "Responses: ",
      Object.entries(op.responses || {}).map(([code, r]) => el("span", { class: "response", text: `${code} ${r.description || ""}` }))),
  );
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(schemaName).join(" | ");
  if (schema.type === "array") return `array of ${schemaName(schema.items)}`;
  return schema.type || "object";
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  let t = schema.type || schemaName(schema);
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) bounds.push(`≤ ${schema.maxLength} chars`);
  if (schema.default !== undefined) bounds.push(`default ${schema.default}`);
  return bounds.length ? `${t} (${bounds.join(", ")})` : t;
}
