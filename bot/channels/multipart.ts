/**
 * A small binary-safe multipart/form-data reader for the Bot API bridge.
 *
 * Why our own: grammY writes compact part headers
 * (`content-disposition:form-data;name="x";filename=f.csv`) that Node's
 * built-in `Response.formData()` refuses, and files are referenced from
 * fields as `attach://<part name>`, which we resolve here.
 */
export interface MultipartFile {
  name: string;
  bytes: Uint8Array;
}

export type MultipartValue = string | MultipartFile;

export function parseMultipart(body: Buffer, contentType: string): Map<string, MultipartValue> {
  const boundaryMatch = /boundary=("?)([^";]+)\1/i.exec(contentType);
  if (!boundaryMatch?.[2]) throw new Error("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundaryMatch[2]}`);
  const parts = new Map<string, MultipartValue>();
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const content = part.subarray(headerEnd + 4);
      const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      if (name !== undefined) {
        parts.set(
          name,
          filename === undefined
            ? content.toString("utf8")
            : { name: filename, bytes: new Uint8Array(content) },
        );
      }
    }
    position = next;
  }
  return parts;
}

/** Fields of a Bot API call, with `attach://x` replaced by the file part `x`. */
export function multipartPayload(parts: Map<string, MultipartValue>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of parts) {
    if (typeof value !== "string") continue;
    const attached = value.startsWith("attach://")
      ? parts.get(value.slice("attach://".length))
      : undefined;
    if (attached !== undefined && typeof attached !== "string") {
      payload[key] = attached;
      continue;
    }
    try {
      payload[key] =
        value.startsWith("{") || value.startsWith("[") ? (JSON.parse(value) as unknown) : value;
    } catch {
      payload[key] = value;
    }
  }
  return payload;
}
