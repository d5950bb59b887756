// The language server: thin wiring from LSP requests to the workspace and the feature
// functions. No treaty logic lives here. Platform-neutral: file access comes in as a
// FileSystem, the connection from main.ts (Node) or a future browser entry.
import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type Range,
  type SemanticTokens,
} from 'vscode-languageserver';
import { Catalogue, type InstrumentCitation } from './model';
import type { TextChange } from './model/incremental';
import { OpenTextDocument } from './openDocument';
import { definition, toLocations } from './features/definition';
import { outline, writeOutlineJson } from './features/documentSymbols';
import { withJsonPieces } from './preserialized';
import { hover } from './features/hover';
import { referencesAtPosition } from './features/atPosition';
import { completionContext, completionItems } from './features/completion';
import { foldingRanges } from './features/folding';
import { inlayHints } from './features/inlayHints';
import { selectionRanges } from './features/selectionRanges';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { SemanticTokensCache } from './features/semanticTokensDelta';
import { workspaceSymbols, type SymbolSource } from './features/workspaceSymbols';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { documentHighlights } from './features/documentHighlights';
import { references, type WorkspaceSource } from './features/references';
import { createDiagnosticsPublisher, type DiagnosticsPublisher } from './diagnosticsPublisher';
import { PARALLEL_SERVER_COMMANDS, registerParallelVersions } from './parallelRequests';
import { registerCompareProvisions } from './compareRequests';
import { CodeActionKind, CodeLensRefreshRequest, type CodeLens, type Diagnostic } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from './workspace/workspace';
import type { FileSystem } from './workspace/fileSystem';
import { DEFAULT_SETTINGS, maxFileSizeBytes, readSettings, sameInstruments, type PactaSettings } from './workspace/settings';
import { Workspace } from './workspace/workspace';
import type { SummaryBuilder } from './workspace/summaryBuilder';
import { CancelledError, throwIfCancelled } from './workspace/cancellation';
import { settingsWarnings, type SettingSchema } from './workspace/settingsCheck';
import { canonicalModel, DEBUG_MODEL_METHOD } from './features/debugModel';
// The settings schema lives in package.json; only this key is bundled.
import { contributes } from '../../package.json';
import { allDocuments } from './workspace/allDocuments';
import { parseTreaty } from './model';
import { prepareRename, rename, type RenumberWorld } from './features/rename';
import { RENUMBER_COMMANDS, RENUMBER_COMMAND_IDS, executeRenumberCommand, isRenumberCommand } from './features/renumberCommands';
import { AKN_SERVER_COMMAND, exportAkomaNtoso } from './features/akomaNtosoExport';
import { DOCUMENT_INFO_METHOD, documentInfo, type DocumentInfoParams } from './features/documentInfo';
import { createIndexProgress } from './indexProgress';

export interface PactaServer {
  workspace: Workspace;
  documents: TextDocuments<OpenTextDocument>;
  settings(): PactaSettings;
}

export interface ServerOptions {
  /** Serve `pacta/debugModel` (tests); clients may also ask with initializationOptions.debugModel. */
  debugModel?: boolean;
  /** How closed files are summarised for the index (main.ts: worker threads); in this thread by default. */
  summaryBuilder?: SummaryBuilder;
}

export function createServer(connection: Connection, fs: FileSystem, options: ServerOptions = {}): PactaServer {
  // Where each didChange altered a document, handed to the workspace with the new text: the
  // next parse re-reads only the articles the edit touched (model/incremental.ts).
  const lastChange = new Map<string, TextChange | undefined>();
  const documents = new TextDocuments<OpenTextDocument>({
    create: (uri, languageId, version, content) => new OpenTextDocument(uri, languageId, version, content),
    update: (document, changes, version) => {
      lastChange.set(document.uri, document.update(changes, version));
      return document;
    },
  });
  // window/showMessage, a notification: connection.window.show*Message sends a request, which
  // fails (and, unhandled, used to end the process) with clients that do not answer it.
  const showWarning = (message: string): void =>
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
  const workspace = new Workspace(fs, {
    summaryBuilder: options.summaryBuilder,
    log: (m) => connection.console.log(m),
    warn: (m) => showWarning(`Pacta: ${m}`),
    // Once per document: the user learns why the outline and hovers are missing.
    onTooLarge: (uri, size, limit) =>
      showWarning(
        `Pacta: ${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))} is ${(size / 1048576).toFixed(1)} MB, above pacta.maxFileSize ` +
          `(${(limit / 1048576).toFixed(1)} MB): outline, hover, references and diagnostics are off for it. Raise pacta.maxFileSize to turn them on.`,
      ),
  });
  let debugModel = options.debugModel === true;
  // The index workers stop with the server.
  connection.onShutdown(() => workspace.dispose());
  const indexProgress = createIndexProgress(connection, (listener) => workspace.summaries(undefined, listener));
  // The folders are indexed up front, in the background (with progress where the client shows it),
  // so the first workspace-wide request finds the summaries ready.
  const indexNow = (): void => {
    void settingsLoaded.then(() => (client.window?.workDoneProgress ? indexProgress.run() : workspace.summaries().then(() => undefined)));
  };
  let settings: PactaSettings = { ...DEFAULT_SETTINGS };
  let client: ClientCapabilities = {};
  // Requests wait for the first settings fetch, so a hover sent right after start-up
  // already sees `pacta.library`.
  let settingsLoaded: Promise<void> = Promise.resolve();

  const refreshCodeLenses = (): void => {
    if (client.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  const apply = (next: PactaSettings): void => {
    if (next.codeLensEnabled !== settings.codeLensEnabled) refreshCodeLenses();
    if (!sameInstruments(next.instruments, settings.instruments)) workspace.setCatalogue(new Catalogue(next.instruments));
    workspace.setLibrary(next.library);
    workspace.setLanguage(next.language);
    workspace.setMaxFileSize(maxFileSizeBytes(next.maxFileSize));
    const hintsChanged = next.inlayHintsEnabled !== settings.inlayHintsEnabled || next.inlayHintsMaxLength !== settings.inlayHintsMaxLength;
    settings = next;
    // Clients cache inlay hints; ask them to fetch again when the hint settings change.
    if (hintsChanged && client.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
    diagnosticsPublisher?.all(); // severities, the ignore list or the library may have changed
  };

  // Client-side commands the client says it has (the VS Code extension lists them in
  // initializationOptions.clientCommands): lenses and quick fixes use them only then.
  let clientCommands = new Set<string>();
  // Other features may add their diagnostics and lenses to Pacta's (parallel versions).
  const extraDiagnostics: Array<(parsed: ParsedDocument) => Promise<Diagnostic[]>> = [];
  const extraCodeLenses: Array<(uri: string) => Promise<CodeLens[]>> = [];
  let diagnosticsPublisher: DiagnosticsPublisher | undefined;

  const canPull = (): boolean => client.workspace?.configuration === true;

  // Settings of the wrong type count as the default (readSettings); say so in the log, once per change.
  let lastWarnings = '';
  const readChecked = (raw: unknown): PactaSettings => {
    const warnings = settingsWarnings(raw, contributes.configuration.properties as Record<string, SettingSchema>);
    if (warnings.join('\n') !== lastWarnings) for (const w of warnings) connection.console.warn(`pacta: ${w}`);
    lastWarnings = warnings.join('\n');
    return readSettings(raw);
  };

  const pullSettings = async (): Promise<void> => {
    try {
      apply(readChecked(await connection.workspace.getConfiguration({ section: 'pacta' })));
    } catch (err) {
      connection.console.error(`pacta: cannot read settings: ${describe(err)}`);
    }
  };

  /**
   * Runs a handler; an exception is logged and answered with null, never fatal. A request the
   * client cancelled stops at the next check and answers with the LSP "cancelled" error.
   */
  const guard =
    <P, R>(name: string, fn: (params: P, token?: CancellationToken) => R | Promise<R>) =>
    async (params: P, token?: CancellationToken): Promise<R | null> => {
      try {
        throwIfCancelled(token);
        await settingsLoaded;
        throwIfCancelled(token);
        return await fn(params, token);
      } catch (err) {
        if (err instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
        // A refusal with a reason ("Article 5 already exists") goes back to the client as is.
        if (err instanceof ResponseError) throw err;
        connection.console.error(`pacta: ${name} failed: ${describe(err)}`);
        return null;
      }
    };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities ?? {};
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    const init = (params.initializationOptions ?? {}) as { workspaceTrusted?: unknown; debugModel?: unknown };
    // VS Code says whether the user trusts the workspace; other clients' settings are the user's own.
    workspace.setTrusted(init.workspaceTrusted !== false);
    if (init.debugModel === true) debugModel = true;
    // Clients that cannot answer workspace/configuration pass settings at start-up.
    if (params.initializationOptions !== undefined) apply(readChecked(params.initializationOptions));
    const offered = (params.initializationOptions as { clientCommands?: unknown } | null | undefined)?.clientCommands;
    clientCommands = new Set(Array.isArray(offered) ? offered.filter((c): c is string => typeof c === 'string') : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: { label: 'Pacta' },
        referencesProvider: true,
        documentHighlightProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', '('] },
        inlayHintProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
        renameProvider: { prepareProvider: true },
        executeCommandProvider: { commands: [...RENUMBER_COMMAND_IDS, ...PARALLEL_SERVER_COMMANDS, AKN_SERVER_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'pacta-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPull()) {
      settingsLoaded = pullSettings();
      if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pacta' });
      }
    }
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // New, renamed or deleted texts change which instruments the workspace holds.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{treaty,txt,md}' }],
      });
    }
    indexNow();
    if (client.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        try {
          const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
          workspace.setFolders(folders.map((f) => f.uri));
          indexNow();
        } catch (err) {
          connection.console.error(`pacta: cannot read workspace folders: ${describe(err)}`);
        }
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (canPull()) settingsLoaded = pullSettings();
    else if (params.settings !== undefined && params.settings !== null) apply(readChecked(params.settings));
    indexNow(); // the library folders may have changed
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    workspace.refresh();
    indexNow(); // only the changed files are read and summarised again
    diagnosticsPublisher?.all(); // a cited instrument's text may have come or gone
    // A file that is not open may cite (or stop citing) an open one: its lenses change.
    if (changes.some((c) => !workspace.isOpen(c.uri))) refreshCodeLenses();
  });

  documents.onDidChangeContent(({ document }) => {
    // A document is parsed when a request needs it; its text is chunks, joined by no one here.
    const change = lastChange.get(document.uri);
    lastChange.delete(document.uri);
    workspace.setOpen(document.uri, document.version, document.text, change);
    diagnosticsPublisher?.changed(document.uri);
  });
  // The semantic tokens last sent per open document, for delta requests.
  const tokenCache = new SemanticTokensCache();
  documents.onDidClose(({ document }) => {
    workspace.close(document.uri);
    diagnosticsPublisher?.closed(document.uri);
    outlineNotes.delete(document.uri);
    tokenCache.forget(document.uri);
  });

  // Said once per document and level, in the log: the outline itself has no place for a note.
  const outlineNotes = new Map<string, string>();
  const shortenedOutline = (uri: string, total: number, omitted: readonly string[]) => {
    const what = omitted.map((k) => `${k}s`).join(' and ');
    if (outlineNotes.get(uri) === what) return;
    outlineNotes.set(uri, what);
    connection.console.log(
      `pacta: the outline of ${uri} leaves out ${what}: the document has ${total.toLocaleString('en')} provisions, more than pacta.outline.maxSymbols (${settings.outlineMaxSymbols.toLocaleString('en')}).`,
    );
  };
  connection.onDocumentSymbol(
    guard('documentSymbol', ({ textDocument }) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      const result = outline(parsed.doc, { maxSymbols: settings.outlineMaxSymbols });
      if (result.omitted.length) shortenedOutline(textDocument.uri, result.total, result.omitted);
      return withJsonPieces(result.symbols, (emit) => writeOutlineJson(result.symbols, emit));
    }),
  );

  // The status bar item: article count and language of the active document.
  connection.onRequest(
    DOCUMENT_INFO_METHOD,
    guard('documentInfo', ({ textDocument }: DocumentInfoParams) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? documentInfo(parsed.doc) : null;
    }),
  );

  connection.onHover(
    guard('hover', async ({ textDocument, position }, token) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      // Only the instrument the reference under the cursor cites: no wait for the whole index.
      const lookup = await workspace.lookupFor(parsed.doc, referencesAtPosition(parsed.doc, position), token);
      const parallelVersions = await parallel.hoverParallel(parsed, position, lookup);
      return hover(parsed.doc, position, lookup, { maxLength: settings.hoverMaxLength, parallel: parallelVersions });
    }),
  );

  connection.onDefinition(
    guard('definition', async ({ textDocument, position }, token) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      const links = definition(parsed.doc, parsed.uri, position, await workspace.lookupFor(parsed.doc, referencesAtPosition(parsed.doc, position), token));
      if (!links) return null;
      return client.textDocument?.definition?.linkSupport ? links : toLocations(links);
    }),
  );

  // Rename (F2) and the renumbering commands: every open document and workspace file takes part.
  const renumberWorld: RenumberWorld = {
    documents: () => allDocuments(workspace, documents.keys()),
    instrument: (citation) => workspace.findInstrument(citation),
    parse: (text) => parseTreaty(text, { catalogue: workspace.catalogue }),
  };
  const editCaps = () => ({
    documentChanges: client.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations: client.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
  });

  connection.onPrepareRename(
    guard('prepareRename', ({ textDocument, position }) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? prepareRename(renumberWorld, parsed, position) : null;
    }),
  );

  connection.onRenameRequest(
    guard('rename', async ({ textDocument, position, newName }) => {
      const parsed = workspace.get(textDocument.uri);
      const result = parsed ? await rename(renumberWorld, parsed, position, newName, editCaps()) : null;
      // A notification, not window/showMessageRequest: nothing for the client to answer.
      if (result?.warnings.length) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Pacta: ${result.warnings.join('; ')}` });
      return result?.edit ?? null;
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', async ({ command, arguments: args }) => {
      if (PARALLEL_SERVER_COMMANDS.some((c) => c === command)) return parallel.execute(command, args);
      if (command === AKN_SERVER_COMMAND) {
        const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
        const parsed = uri ? await workspace.load(uri) : undefined;
        if (!parsed) throw new ResponseError(ErrorCodes.InvalidParams, `${uri ?? 'no document given'}: not an open treaty text or a file of the workspace`);
        return exportAkomaNtoso(parsed.doc, parsed.uri, await workspace.lookupFor(parsed.doc));
      }
      if (!isRenumberCommand(command)) return null;
      const result = await executeRenumberCommand(renumberWorld, {
        ...editCaps(),
        get: (uri) => workspace.load(uri),
        applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
      }, command, args);
      connection.console.log(result.message);
      const type = result.applied && !result.warnings.length ? MessageType.Info : MessageType.Warning;
      void connection.sendNotification(ShowMessageNotification.type, { type, message: result.message });
      return result;
    }),
  );

  // Completion, inlay hints, folding, selection ranges, workspace symbols, semantic tokens.
  connection.onCompletion(
    guard('completion', async ({ textDocument, position }) => {
      const parsed = workspace.get(textDocument.uri);
      const ctx = parsed && completionContext(parsed.doc, position, workspace.catalogue);
      if (!parsed || !ctx) return null;
      // "Article | of the Charter of the United Nations": the Charter's articles, when its text is at hand.
      const other = ctx.instrument ? (await workspace.findInstrument(ctx.instrument))?.doc : undefined;
      return completionItems(parsed.doc, ctx, other);
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', async ({ textDocument, range }) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed || !settings.inlayHintsEnabled) return null;
      return inlayHints(parsed.doc, range, await workspace.lookupFor(parsed.doc), { maxLength: settings.inlayHintsMaxLength });
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', ({ textDocument }) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? foldingRanges(parsed.doc) : null;
    }),
  );

  connection.onSelectionRanges(
    guard('selectionRange', ({ textDocument, positions }) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? selectionRanges(parsed.doc, positions) : null;
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', async ({ query }, token) => {
      const sources: SymbolSource[] = [];
      for (const uri of documents.keys()) {
        const parsed = workspace.get(uri);
        if (parsed) sources.push(parsed);
      }
      // Closed files by their summaries, library texts too: "Art 51 Charter" finds the Charter wherever it is kept.
      for (const e of await workspace.summaries(token)) {
        if (!workspace.isOpen(e.uri)) sources.push({ uri: e.uri, title: e.summary.title, symbols: e.summary.symbols });
      }
      return workspaceSymbols(query, sources, workspace.catalogue);
    }),
  );

  /** The tokens of an open document (within `range`), none for one that is not parsed. */
  const tokensOf = async (uri: string, range?: Range): Promise<SemanticTokens> => {
    const parsed = workspace.get(uri);
    return parsed ? semanticTokens(parsed.doc, await workspace.lookupFor(parsed.doc), range) : { data: [] };
  };
  connection.languages.semanticTokens.on(guard('semanticTokens', async ({ textDocument }) => tokenCache.full(textDocument.uri, await tokensOf(textDocument.uri))));
  connection.languages.semanticTokens.onDelta(
    guard('semanticTokensDelta', async ({ textDocument, previousResultId }) => tokenCache.delta(textDocument.uri, previousResultId, await tokensOf(textDocument.uri))),
  );
  connection.languages.semanticTokens.onRange(guard('semanticTokensRange', async ({ textDocument, range }) => tokensOf(textDocument.uri, range)));

  // Diagnostics, quick fixes, Find All References, document highlights, "cited by N" lenses.
  diagnosticsPublisher = createDiagnosticsPublisher({
    connection,
    workspace,
    openUris: () => documents.keys(),
    options: () => ({ ...settings.diagnostics, maxPerDocument: settings.diagnosticsMaxPerDocument }),
    ready: () => settingsLoaded,
    extra: async (parsed) => (await Promise.all(extraDiagnostics.map((f) => f(parsed)))).flat(),
    // Lenses count citations in other open files, which may just have changed. (The client
    // asks again for the changed file's own lenses; a needless refresh makes lenses flicker.)
    afterRound: () => {
      if ([...documents.keys()].length > 1) refreshCodeLenses();
    },
    log: (m) => connection.console.error(m),
  });

  /**
   * Every document of the workspace: open ones parsed, with the lookup that resolves their
   * citations of other instruments; closed workspace files by their summaries (not library files).
   */
  const sources = async (token?: CancellationToken): Promise<WorkspaceSource[]> => {
    const out: WorkspaceSource[] = [];
    for (const uri of documents.keys()) {
      const d = workspace.get(uri);
      if (d) out.push({ uri: d.uri, doc: d.doc, lookup: await workspace.lookupFor(d.doc, undefined, token) });
    }
    const find = workspace.locator();
    const locate = (ref: { instrument: InstrumentCitation; key: string }) => find(ref.instrument, ref.key);
    for (const e of await workspace.summaries(token)) {
      if (e.source === 'workspace' && !workspace.isOpen(e.uri)) out.push({ uri: e.uri, citations: e.summary.citations, locate });
    }
    return out;
  };

  connection.onReferences(
    guard('references', async ({ textDocument, position, context }, token) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      return references(parsed.doc, parsed.uri, position, await sources(token), context.includeDeclaration, await workspace.lookupFor(parsed.doc));
    }),
  );

  connection.onDocumentHighlight(
    guard('documentHighlight', async ({ textDocument, position }) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? documentHighlights(parsed.doc, parsed.uri, position, await workspace.lookupFor(parsed.doc)) : null;
    }),
  );

  connection.onCodeAction(
    guard('codeAction', async ({ textDocument, range, context }) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      return codeActions(parsed.doc, parsed.uri, range, await workspace.lookupFor(parsed.doc), {
        diagnostics: settings.diagnostics,
        ignoreCommand: clientCommands.has('pacta.ignoreDiagnostic') ? 'pacta.ignoreDiagnostic' : undefined,
        renumberCommand: RENUMBER_COMMANDS.renumberSequentially,
        only: context.only,
      });
    }),
  );

  connection.onCodeLens(
    guard('codeLens', async ({ textDocument }, token) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      const own = settings.codeLensEnabled
        ? codeLenses(parsed.doc, parsed.uri, await sources(token), {
            showReferencesCommand: clientCommands.has('pacta.showReferences') ? 'pacta.showReferences' : undefined,
          })
        : [];
      const extra = (await Promise.all(extraCodeLenses.map((f) => f(parsed.uri)))).flat();
      return [...own, ...extra];
    }),
  );

  // Parallel language versions (lenses, diagnostics, hover) and comparing provisions (custom requests).
  const requestContext = { connection, workspace, fs, settings: () => settings, guard };
  const parallel = registerParallelVersions(requestContext);
  extraDiagnostics.push((parsed) => parallel.diagnostics(parsed));
  extraCodeLenses.push((uri) => parallel.codeLenses(uri, clientCommands, client.window?.showDocument?.support === true));
  // An edit to one version changes the other open versions' structure diagnostics too.
  // After the settings: linking versions reads the file index, which a settings change rebuilds.
  documents.onDidChangeContent(({ document }) => {
    void settingsLoaded
      .then(() => parallel.linkedOpenVersions(document.uri))
      .then((uris) => uris.forEach((u) => diagnosticsPublisher?.changed(u)), () => undefined);
  });
  registerCompareProvisions(requestContext);

  // Tests compare the model held after incremental edits with a fresh parse (features/debugModel.ts).
  connection.onRequest(
    DEBUG_MODEL_METHOD,
    guard('debugModel', (params: { textDocument?: { uri?: unknown } } | undefined) => {
      if (!debugModel) throw new ResponseError(ErrorCodes.MethodNotFound, `${DEBUG_MODEL_METHOD} is off (initializationOptions.debugModel)`);
      const uri = params?.textDocument?.uri;
      const parsed = typeof uri === 'string' ? workspace.get(uri) : undefined;
      return parsed ? canonicalModel(parsed.doc) : null;
    }),
  );

  documents.listen(connection);
  return { workspace, documents, settings: () => settings };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
