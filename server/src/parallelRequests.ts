// Wiring for parallel language versions: the `pacta/parallelTargets` request, and the code
// lenses, diagnostics and hover blocks server.ts merges into its own handlers. No treaty logic
// here: the workspace finds the versions, the features turn them into LSP answers.
import type { Connection } from 'vscode-languageserver';
import type { CodeLens, Diagnostic, Position } from 'vscode-languageserver-protocol';
import { referenceAt, resolveReference, type InstrumentLookup, type Provision, type TreatyDocument } from './model';
import { linesOf } from './features/convert';
import {
  LINK_PARALLEL_COMMAND,
  OPEN_PARALLEL_COMMAND,
  parallelCodeLenses,
  parallelDiagnostics,
  parallelHoverBlocks,
  parallelTargets,
  type ParallelTarget,
  type VersionView,
} from './features/parallelVersions';
import type { FileSystem } from './workspace/fileSystem';
import { ParallelVersions } from './workspace/parallelVersions';
import type { PactaSettings } from './workspace/settings';
import type { ParsedDocument, Workspace } from './workspace/workspace';

export const PARALLEL_TARGETS_REQUEST = 'pacta/parallelTargets';
/**
 * The server's own "open this version" command, for clients without the VS Code extension's
 * `pacta.openParallel`: it asks the client to show the document (LSP `window/showDocument`).
 */
export const SHOW_PARALLEL_COMMAND = 'pacta.showParallelVersion';
export const PARALLEL_SERVER_COMMANDS = [SHOW_PARALLEL_COMMAND] as const;

export interface ParallelTargetsParams {
  textDocument: { uri: string };
  position: Position;
}

type Guard = <P, R>(name: string, fn: (params: P) => R | Promise<R>) => (params: P) => Promise<R | null>;

export interface RequestContext {
  connection: Connection;
  workspace: Workspace;
  fs: FileSystem;
  settings: () => PactaSettings;
  guard: Guard;
}

export interface ParallelWiring {
  versions: ParallelVersions;
  /** The other versions of a document, each aligned with it. */
  views(uri: string, wait?: boolean): Promise<VersionView[]>;
  /** Lenses for the commands the client has (`clientCommands`) or, failing that, the server's. */
  codeLenses(uri: string, clientCommands: ReadonlySet<string>, canShowDocument: boolean): Promise<CodeLens[]>;
  /** The open documents linked to this one as its versions (not proposals): their diagnostics depend on it. */
  linkedOpenVersions(uri: string): Promise<string[]>;
  /** Runs `pacta.showParallelVersion`; false when it is not that command or could not run. */
  execute(command: string, args: unknown[] | undefined): Promise<boolean>;
  diagnostics(parsed: ParsedDocument): Promise<Diagnostic[]>;
  /** The `parallel` hover option for the reference at `position`, or undefined (setting off, nothing linked). */
  hoverParallel(parsed: ParsedDocument, position: Position, lookup: InstrumentLookup): Promise<((doc: TreatyDocument, p: Provision) => string[]) | undefined>;
}

export function registerParallelVersions(ctx: RequestContext): ParallelWiring {
  const { workspace } = ctx;
  const versions = new ParallelVersions(workspace, ctx.fs, {
    openUris: () => workspace.openDocuments().map((d) => d.uri),
    groups: () => ctx.settings().parallelVersions,
  });

  const views = async (uri: string, wait = true): Promise<VersionView[]> => {
    const self = await workspace.load(uri);
    if (!self) return [];
    return (await versions.versionsOf(uri, { wait })).map((v) => ({ ...v, alignment: versions.alignment(self.doc, v.doc) }));
  };

  ctx.connection.onRequest(
    PARALLEL_TARGETS_REQUEST,
    ctx.guard('parallelTargets', async ({ textDocument, position }: ParallelTargetsParams): Promise<ParallelTarget[]> => {
      const parsed = await workspace.load(textDocument.uri);
      return parsed ? parallelTargets(parsed.doc, position, await views(parsed.uri)) : [];
    }),
  );

  return {
    versions,
    views,
    async codeLenses(uri, clientCommands, canShowDocument) {
      const parsed = workspace.get(uri);
      if (!parsed) return [];
      const openCommand = clientCommands.has(OPEN_PARALLEL_COMMAND) ? OPEN_PARALLEL_COMMAND : canShowDocument ? SHOW_PARALLEL_COMMAND : undefined;
      const linkCommand = clientCommands.has(LINK_PARALLEL_COMMAND) ? LINK_PARALLEL_COMMAND : undefined;
      return parallelCodeLenses(parsed.doc, parsed.uri, await views(parsed.uri), { openCommand, linkCommand });
    },
    async linkedOpenVersions(uri) {
      if (!workspace.isOpen(uri)) return [];
      const linked = await versions.versionsOf(uri);
      return linked.filter((v) => v.source !== 'proposed' && workspace.isOpen(v.uri)).map((v) => v.uri);
    },
    async execute(command, args) {
      if (command !== SHOW_PARALLEL_COMMAND) return false;
      const t = args?.[0] as Partial<ParallelTarget> | undefined;
      if (!t?.uri || !t.range) return false;
      const shown = await ctx.connection.window.showDocument({ uri: t.uri, selection: t.range, takeFocus: true });
      return shown.success;
    },
    async diagnostics(parsed) {
      return parallelDiagnostics(parsed.doc, await views(parsed.uri));
    },
    async hoverParallel(parsed, position, lookup) {
      if (!ctx.settings().hoverParallel) return undefined;
      const ref = referenceAt(parsed.doc, linesOf(parsed.doc).offsetAt(position));
      if (!ref) return undefined;
      const targets = resolveReference(parsed.doc, ref, lookup).targets;
      // Only a single cited clause is shown in full, so only it gets its other versions.
      if (targets.length !== 1 || !targets[0].provision) return undefined;
      const uri = targets[0].uri ?? parsed.uri;
      // A hover never waits for the file index: the versions known now, or none yet.
      const others = await views(uri, false);
      if (!others.length) return undefined;
      const maxLength = ctx.settings().hoverMaxLength;
      return (_doc, p) => parallelHoverBlocks(p, others, maxLength);
    },
  };
}
