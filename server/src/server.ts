// The language server: thin wiring from LSP requests to the workspace and the feature
// functions. No treaty logic lives here. Platform-neutral: file access comes in as a
// FileSystem, the connection from main.ts (Node) or a future browser entry.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from './model';
import { definition, toLocations } from './features/definition';
import { documentSymbols } from './features/documentSymbols';
import { hover } from './features/hover';
import type { FileSystem } from './workspace/fileSystem';
import { DEFAULT_SETTINGS, readSettings, sameInstruments, type PactaSettings } from './workspace/settings';
import { Workspace } from './workspace/workspace';

export interface PactaServer {
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
  settings(): PactaSettings;
}

export function createServer(connection: Connection, fs: FileSystem): PactaServer {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace(fs, { log: (m) => connection.console.log(m) });
  let settings: PactaSettings = { ...DEFAULT_SETTINGS };
  let client: ClientCapabilities = {};
  // Requests wait for the first settings fetch, so a hover sent right after start-up
  // already sees `pacta.library`.
  let settingsLoaded: Promise<void> = Promise.resolve();

  const apply = (next: PactaSettings): void => {
    if (!sameInstruments(next.instruments, settings.instruments)) workspace.setCatalogue(new Catalogue(next.instruments));
    workspace.setLibrary(next.library);
    settings = next;
  };

  const canPull = (): boolean => client.workspace?.configuration === true;

  const pullSettings = async (): Promise<void> => {
    try {
      apply(readSettings(await connection.workspace.getConfiguration({ section: 'pacta' })));
    } catch (err) {
      connection.console.error(`pacta: cannot read settings: ${describe(err)}`);
    }
  };

  /** Runs a handler; an exception is logged and answered with null, never fatal. */
  const guard =
    <P, R>(name: string, fn: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R | null> => {
      try {
        await settingsLoaded;
        return await fn(params);
      } catch (err) {
        connection.console.error(`pacta: ${name} failed: ${describe(err)}`);
        return null;
      }
    };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities ?? {};
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    // Clients that cannot answer workspace/configuration pass settings at start-up.
    if (params.initializationOptions !== undefined) apply(readSettings(params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: { label: 'Pacta' },
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
    if (client.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        try {
          const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
          workspace.setFolders(folders.map((f) => f.uri));
        } catch (err) {
          connection.console.error(`pacta: cannot read workspace folders: ${describe(err)}`);
        }
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (canPull()) settingsLoaded = pullSettings();
    else if (params.settings !== undefined && params.settings !== null) apply(readSettings(params.settings));
  });

  connection.onDidChangeWatchedFiles(() => workspace.refresh());

  documents.onDidChangeContent(({ document }) => {
    // The text is handed over lazily: a document is parsed when a request needs it.
    workspace.setOpen(document.uri, document.version, () => document.getText());
  });
  documents.onDidClose(({ document }) => workspace.close(document.uri));

  connection.onDocumentSymbol(
    guard('documentSymbol', ({ textDocument }) => {
      const parsed = workspace.get(textDocument.uri);
      return parsed ? documentSymbols(parsed.doc) : null;
    }),
  );

  connection.onHover(
    guard('hover', async ({ textDocument, position }) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      const lookup = await workspace.lookupFor(parsed.doc);
      return hover(parsed.doc, position, lookup, { maxLength: settings.hoverMaxLength });
    }),
  );

  connection.onDefinition(
    guard('definition', async ({ textDocument, position }) => {
      const parsed = workspace.get(textDocument.uri);
      if (!parsed) return null;
      const links = definition(parsed.doc, parsed.uri, position, await workspace.lookupFor(parsed.doc));
      if (!links) return null;
      return client.textDocument?.definition?.linkSupport ? links : toLocations(links);
    }),
  );

  documents.listen(connection);
  return { workspace, documents, settings: () => settings };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
