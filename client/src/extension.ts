// The VS Code side of Pacta is deliberately thin: every language feature lives
// in the language server (dist/server/server.js), so Neovim, other LSP clients
// and this extension all get the same behaviour.
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** The `pacta.*` settings, sent at start-up so the first requests already see the library. */
function pactaSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('pacta');
  return {
    library: cfg.get<string[]>('library', []),
    instruments: cfg.get<unknown[]>('instruments', []),
    hover: { maxLength: cfg.get<number>('hover.maxLength', 1200) },
  };
}

function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'treaty' },
      { scheme: 'untitled', language: 'treaty' },
    ],
    synchronize: { configurationSection: 'pacta' },
    initializationOptions: { pacta: pactaSettings() },
    outputChannel: channel,
  };
  return new LanguageClient('pacta', 'Pacta', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A log channel: vscode-languageclient 11 follows its log level for tracing.
  output = vscode.window.createOutputChannel('Pacta', { log: true });
  context.subscriptions.push(output);
  const channel = output;

  context.subscriptions.push(
    vscode.commands.registerCommand('pacta.restartServer', async () => {
      if (client) {
        await client.stop().catch((err: unknown) => channel.error(`stop failed: ${String(err)}`));
      }
      // A fresh client re-reads the settings into initializationOptions.
      client = createClient(context, channel);
      await client.start();
      channel.info('Pacta language server restarted.');
    }),
    vscode.commands.registerCommand('pacta.showOutput', () => channel.show(true)),
  );

  client = createClient(context, channel);
  try {
    await client.start();
  } catch (err) {
    channel.error(`Pacta language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage('Pacta: the language server failed to start. See "Pacta: Show Output".');
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
