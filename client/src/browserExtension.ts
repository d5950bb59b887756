// The web extension (package.json "browser"): VS Code for the Web, vscode.dev, code-server's
// browser extension host. The language server is the same code as on the desktop, built
// for a Web Worker (dist/web/server.js); it has no file system, so this side serves its
// file requests through vscode.workspace.fs (serveFiles.ts).
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { registerDocumentStatus } from './documentStatus';
import { registerExportCommand } from './exportAkomaNtoso';
import { serveFiles } from './serveFiles';
import { registerRenumberCommands } from './renumberCommands';
import { CLIENT_COMMANDS, registerReferenceCommands } from './referenceCommands';
import { PARALLEL_CLIENT_COMMANDS, registerParallelCommands } from './parallelCommands';
import { registerCompareCommands } from './compareCommands';

// The browser's Worker; declared here because the project compiles without the DOM lib.
declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void };

let client: LanguageClient | undefined;

/**
 * The URL to start the worker from. An extension installed on a remote server (code-server)
 * may not start a worker from its own vscode-remote: URL ("Creating workers from remote
 * extensions is currently not supported"), but the extension host's fetch can read that
 * URL: the worker then starts from a blob of the same script.
 */
async function workerUrl(script: vscode.Uri, channel: vscode.LogOutputChannel): Promise<string> {
  if (script.scheme !== 'vscode-remote') return script.toString(true);
  const res = await fetch(script.toString(true));
  if (!res.ok) throw new Error(`cannot load ${script.toString(true)}: HTTP ${res.status}`);
  channel.info('The extension is installed on the remote server: starting the language server worker from a blob of dist/web/server.js.');
  return URL.createObjectURL(new Blob([await res.text()], { type: 'application/javascript' }));
}

async function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): Promise<LanguageClient> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  const worker = new Worker(await workerUrl(serverMain, channel), { name: 'Pacta language server' });
  const cfg = vscode.workspace.getConfiguration('pacta');
  const clientOptions: LanguageClientOptions = {
    // Any scheme: on the web, texts live in vscode-vfs:, vscode-remote:, memfs: … folders.
    documentSelector: [{ language: 'treaty' }],
    synchronize: { configurationSection: 'pacta' },
    initializationOptions: {
      pacta: { instruments: cfg.get<unknown[]>('instruments', []), hover: { maxLength: cfg.get<number>('hover.maxLength', 1200) } },
      clientCommands: [...CLIENT_COMMANDS, ...PARALLEL_CLIENT_COMMANDS],
      workspaceTrusted: vscode.workspace.isTrusted,
    },
    outputChannel: channel,
  };
  const c = new LanguageClient('pacta', 'Pacta', worker as unknown as ServerOptions, clientOptions);
  context.subscriptions.push(...serveFiles(c));
  return c;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('Pacta', { log: true });
  context.subscriptions.push(channel);
  channel.info(`Pacta web extension: starting the language server in a Web Worker (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI).`);
  // The shared command modules are typed with the desktop client; the web client has the same API.
  const get = () => client as never;
  const status = registerDocumentStatus(() => client);
  context.subscriptions.push(
    vscode.commands.registerCommand('pacta.showOutput', () => channel.show(true)),
    vscode.commands.registerCommand('pacta.restartServer', async () => {
      await client?.stop().catch((err: unknown) => channel.error(`stop failed: ${String(err)}`));
      client = await createClient(context, channel);
      await client.start();
      status.refresh();
      channel.info('Pacta language server restarted.');
    }),
    registerExportCommand(() => client, channel),
    ...status.disposables,
    ...registerRenumberCommands(get),
    ...registerReferenceCommands(get),
    ...registerParallelCommands(get),
    ...registerCompareCommands(get),
  );
  try {
    client = await createClient(context, channel);
    await client.start();
    status.refresh();
  } catch (err) {
    channel.error(`Pacta language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Pacta: the language server failed to start. Run "Pacta: Show Output" to see why.'));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
