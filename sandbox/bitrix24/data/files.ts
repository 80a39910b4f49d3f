/**
 * Drive files of the emulated portal and their download tokens. A token is
 * `disk|<fileId>|<hmac>` signed with the portal secret, so a link works only
 * on the portal that issued it (docs: api-reference/disk/file/disk-file-get.md,
 * `DOWNLOAD_URL` = `https://…/rest/download.json?auth=…&token=disk|…`).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { PortalData } from "./portal-data.js";
import type { DiskFileRow } from "./types.js";

/** A file to store on Drive. */
export interface NewFile {
  name: string;
  bytes?: Uint8Array;
  /** Size of a generated file whose bytes are synthesised on download. */
  size?: number;
  createdBy: number;
  createdAt?: number;
}

/** Stores a file on the portal's Drive and returns its row. */
export function addFile(data: PortalData, file: NewFile): DiskFileRow {
  const id = data.files.nextId();
  const at = file.createdAt ?? data.now();
  const row: DiskFileRow = {
    id,
    f: {
      NAME: file.name,
      SIZE: file.bytes?.length ?? file.size ?? 0,
      STORAGE_ID: 1,
      PARENT_ID: 1,
      FILE_ID: 10_000 + id,
      CREATE_TIME: at,
      UPDATE_TIME: at,
      CREATED_BY: file.createdBy,
      UPDATED_BY: file.createdBy,
    },
  };
  if (file.bytes) row.bytes = file.bytes;
  return data.files.insert(row);
}

/**
 * Decodes an upload value: legacy `{fileData: [name, base64]}`, crm.item
 * `[name, base64]`; null when it is not a well-formed upload.
 */
export function decodeUpload(value: unknown): { name: string; bytes: Uint8Array } | null {
  let pair: unknown = value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    pair = (value as Record<string, unknown>).fileData;
  }
  if (!Array.isArray(pair) || pair.length < 2) return null;
  const [name, content] = pair as unknown[];
  if (typeof content !== "string" || content === "") return null;
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(content)) return null;
  const bytes = Buffer.from(content, "base64");
  if (bytes.length === 0) return null;
  const fileName = typeof name === "string" && name !== "" ? name : `file${bytes.length}.bin`;
  return { name: fileName, bytes: new Uint8Array(bytes) };
}

function sign(data: PortalData, payload: string): string {
  return createHmac("sha256", data.secret).update(payload).digest("base64url");
}

/** `payload|signature`: a token only this portal accepts. */
export function signedToken(data: PortalData, payload: string): string {
  return `${payload}|${sign(data, payload)}`;
}

/** The payload of a token this portal signed, or null. */
export function openToken(data: PortalData, token: string): string | null {
  const cut = token.lastIndexOf("|");
  if (cut <= 0) return null;
  const payload = token.slice(0, cut);
  const expected = Buffer.from(sign(data, payload));
  const given = Buffer.from(token.slice(cut + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? payload : null;
}

/** The download token of a file. */
export function downloadToken(data: PortalData, fileId: number): string {
  return signedToken(data, `disk|${fileId}`);
}

/** The `DOWNLOAD_URL` of a file under the portal's base URL. */
export function downloadUrl(data: PortalData, baseUrl: string, fileId: number): string {
  return `${baseUrl}/rest/download.json?token=${encodeURIComponent(downloadToken(data, fileId))}`;
}

/** Deterministic filler bytes for generated files (an MP3-ish header, then a pattern). */
function synthesise(id: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const header = [0x49, 0x44, 0x33, 0x03, 0x00];
  for (let i = 0; i < size; i++)
    out[i] = i < header.length ? (header[i] ?? 0) : (id * 31 + i * 7) & 0xff;
  return out;
}

/** Resolves a token to the file's name and bytes; null when the token is bad or the file gone. */
export function readFileByToken(
  data: PortalData,
  token: string,
): { name: string; bytes: Uint8Array } | null {
  const payload = openToken(data, token);
  const parts = payload?.split("|") ?? [];
  if (parts.length !== 2 || parts[0] !== "disk") return null;
  const file = data.files.get(Number(parts[1]));
  if (!file) return null;
  const bytes = file.bytes ?? synthesise(file.id, Number(file.f.SIZE ?? 0));
  return { name: String(file.f.NAME), bytes };
}
