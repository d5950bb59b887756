// The VS Code side of Pacta is deliberately thin: every language feature lives
// in the language server (dist/server/server.js), so Neovim, other LSP clients
// and this extension all get the same behaviour.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerRenumberCommands } from './renumberCommands';
import { CLIENT_COMMANDS, registerReferenceCommands } from './referenceCommands';
import { PARALLEL_CLIENT_COMMANDS, registerParallelCommands } from './parallelCommands';
import { registerCompareCommands } from './compareCommands';
import { RestartPolicy } from './restartPolicy';
import { registerDocumentStatus } from './documentStatus';
import { registerExportCommand } from './exportAkomaNtoso';
import { serveFiles } from './serveFiles';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let restartPolicy: RestartPolicy | undefined;

/** The `pacta.*` settings, sent at start-up so the first requests already see the library. */
function pactaSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('pacta');
  return {
    library: cfg.get<string[]>('library', []),
    instruments: cfg.get<unknown[]>('instruments', []),
    hover: { maxLength: cfg.get<number>('hover.maxLength', 1200), parallel: cfg.get<boolean>('hover.parallel', true) },
    parallelVersions: cfg.get<unknown[]>('parallelVersions', []),
    maxFileSize: cfg.get<number>('maxFileSize', 10),
  };
}

function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'treaty' },
      { scheme: 'untitled', language: 'treaty' },
      { scheme: 'vscode-vfs', language: 'treaty' },
    ],
    synchronize: { configurationSection: 'pacta' },
    // clientCommands: commands of this extension the server may put in lenses and quick fixes.
    // workspaceTrusted: in restricted mode the server refuses library entries leading out of the workspace.
    initializationOptions: { pacta: pactaSettings(), clientCommands: [...CLIENT_COMMANDS, ...PARALLEL_CLIENT_COMMANDS], workspaceTrusted: vscode.workspace.isTrusted },
    outputChannel: channel,
    // Restarts a dead server and says so once (restartPolicy.ts); open documents are re-sent.
    errorHandler: restartPolicy && errorHandler(restartPolicy),
  };
  const languageClient = new LanguageClient('pacta', 'Pacta', serverOptions, clientOptions);
  // In a virtual workspace (vscode-vfs:…) the server reads the other texts through the client.
  context.subscriptions.push(...serveFiles(languageClient));
  return languageClient;
}

/**
 * The policy's decisions as the languageclient's ErrorHandler. Every result is `handled`: the
 * policy has told the user (once) already, so the languageclient only logs, and shows no
 * second, vaguer notification ("connection to server is erroring", "See the output").
 */
function errorHandler(policy: RestartPolicy): ErrorHandler {
  return {
    error: (error, _message, count) => {
      const d = policy.connectionError(count, error.message);
      return d.shutdown ? { action: ErrorAction.Shutdown, message: d.message, handled: true } : { action: ErrorAction.Continue, handled: true };
    },
    closed: () => {
      const d = policy.serverClosed();
      return d.restart ? { action: CloseAction.Restart, handled: true } : { action: CloseAction.DoNotRestart, message: d.message, handled: true };
    },
  };
}

/** The give-up notice, with the two commands it names as buttons. */
async function showGaveUp(message: string): Promise<void> {
  const restart = 'Restart Language Server';
  const output = 'Show Output';
  const choice = await vscode.window.showErrorMessage(message, restart, output);
  if (choice === restart) await vscode.commands.executeCommand('pacta.restartServer');
  else if (choice === output) await vscode.commands.executeCommand('pacta.showOutput');
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A log channel: vscode-languageclient 11 follows its log level for tracing.
  output = vscode.window.createOutputChannel('Pacta', { log: true });
  context.subscriptions.push(output);
  const channel = output;
  restartPolicy = new RestartPolicy({
    restarted: (m) => void vscode.window.showInformationMessage(m),
    gaveUp: (m) => void showGaveUp(m),
    log: (m) => channel.warn(m),
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('pacta.restartServer', async () => {
      // Crashes before this restart no longer count towards giving up.
      restartPolicy?.restartedByHand();
      if (client) {
        await client.stop().catch((err: unknown) => channel.error(`stop failed: ${String(err)}`));
      }
      // A fresh client re-reads the settings into initializationOptions.
      client = createClient(context, channel);
      await client.start();
      channel.info('Pacta language server restarted.');
    }),
    vscode.commands.registerCommand('pacta.showOutput', () => channel.show(true)),
    ...registerRenumberCommands(() => client),
    ...registerReferenceCommands(() => client),
    ...registerParallelCommands(() => client),
    ...registerCompareCommands(() => client),
    // Trusting the workspace lifts the library restriction: start again with the new trust.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand('pacta.restartServer')),
  );

  // Status bar (article count, language) and "Pacta: Export as Akoma Ntoso".
  const status = registerDocumentStatus(() => client);
  context.subscriptions.push(...status.disposables, registerExportCommand(() => client, channel));

  client = createClient(context, channel);
  try {
    await client.start();
    status.refresh();
  } catch (err) {
    channel.error(`Pacta language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Pacta: the language server failed to start. Run "Pacta: Show Output" to see why.'));
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
