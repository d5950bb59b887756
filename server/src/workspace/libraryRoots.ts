// Where `pacta.library` entries point, and which of them are refused.
//
// Policy (docs/reliability.md): a library folder is an explicit choice of the user, so
// absolute paths, `~/…` and `file:` URIs are honoured as written. A relative entry is
// resolved against each workspace folder; when its `..` segments lead out of that folder
// and the workspace is not trusted, it is refused — in an untrusted workspace the setting
// may come from the workspace itself, i.e. from whoever wrote the repository.
import { fileUriFromPath, isInside, joinUri, normaliseUri } from './fileSystem';

export interface LibraryResolution {
  roots: string[];
  /** One sentence per refused or malformed entry, for the user. */
  problems: string[];
}

export interface LibraryContext {
  folders: readonly string[];
  home?: string;
  /** False in a workspace the user has not trusted (VS Code's restricted mode). */
  trusted: boolean;
}

export function resolveLibraryEntries(entries: readonly string[], ctx: LibraryContext): LibraryResolution {
  const roots: string[] = [];
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('\u0000')) {
      problems.push(`pacta.library entry ${JSON.stringify(raw)} contains a NUL character; ignored.`);
    } else if (/^[a-z][a-z0-9+.-]+:/i.test(entry) && !/^[a-z]:[\\/]/i.test(entry)) {
      if (!isValidUri(entry)) problems.push(`pacta.library entry ${JSON.stringify(raw)} is not a valid URI; ignored.`);
      else roots.push(normaliseUri(entry));
    } else if (/^~([\\/]|$)/.test(entry)) {
      if (ctx.home) roots.push(joinUri(ctx.home, entry.slice(1)));
      else problems.push(`pacta.library entry ${JSON.stringify(raw)} starts with ~ but there is no home folder here; ignored.`);
    } else if (/^([\\/]|[a-z]:[\\/])/i.test(entry)) {
      roots.push(fileUriFromPath(entry));
    } else {
      for (const folder of ctx.folders) {
        const root = joinUri(folder, entry);
        if (!ctx.trusted && !isInside(root, folder)) {
          problems.push(
            `pacta.library entry ${JSON.stringify(raw)} leads out of the workspace folder ${folder}; ` +
              'refused because the workspace is not trusted (trust it, or give the folder as an absolute path in your user settings).',
          );
          continue;
        }
        roots.push(root);
      }
    }
  }
  return { roots: [...new Set(roots)], problems };
}

function isValidUri(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
