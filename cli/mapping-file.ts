/**
 * Reading `--mapping FILE` before anything else happens: a file that cannot be
 * read, is not JSON or is not a mapping is refused with its problems (paths
 * included) and nothing is contacted or stored. Whether its fields exist is
 * checked later, against both portals' schemas (`inspectPortals`).
 */
import { readFile } from "node:fs/promises";
import { invalidInput } from "../core/errors.js";
import { parseMappingFile, type Mapping } from "../core/mapping/index.js";
import { describeProblems } from "./messages.js";

/** The parsed mapping of `path`; `invalid_input` (code `mapping_file`) with its problems otherwise. */
export async function readMappingFile(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : code;
    throw invalidInput(`--mapping ${path}: cannot read the file (${why})`, {
      code: "mapping_file",
    });
  }
  const parsed = parseMappingFile(text);
  if (!parsed.ok) {
    throw invalidInput(
      `--mapping ${path} is not a valid mapping file: ${describeProblems(parsed.problems)}`,
      {
        code: "mapping_file",
        details: { problems: parsed.problems },
      },
    );
  }
  return parsed.mapping;
}
