// vscode-markdown-languageservice set up the way VS Code's Markdown language server sets it
// up, minus the editor: an in-memory IWorkspace, a markdown-it parser whose tokens are
// cached per document version (as VS Code's MarkdownItEngine caches them), a silent logger.
// Used by the side-by-side benchmark only; the package is a devDependency.
import type {
  DiagnosticOptions,
  FileStat,
  ILogger,
  IMdLanguageService,
  IMdParser,
  ITextDocument,
  IWorkspace,
  Token,
} from 'vscode-markdown-languageservice';
import { CancellationToken, Emitter } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

export const MD_FOLDER = URI.file('/bench');

/** The documents of an in-memory workspace, with the change events the service listens to. */
export class MemoryMdWorkspace implements IWorkspace {
  private readonly docs = new Map<string, TextDocument>();
  private readonly changed = new Emitter<ITextDocument>();
  private readonly created = new Emitter<ITextDocument>();
  private readonly deleted = new Emitter<URI>();
  readonly onDidChangeMarkdownDocument = this.changed.event;
  readonly onDidCreateMarkdownDocument = this.created.event;
  readonly onDidDeleteMarkdownDocument = this.deleted.event;

  get workspaceFolders(): readonly URI[] {
    return [MD_FOLDER];
  }

  /** Adds a document (version 1) and returns it. */
  add(name: string, text: string): TextDocument {
    const doc = TextDocument.create(URI.file(`/bench/${name}`).toString(), 'markdown', 1, text);
    this.docs.set(doc.uri, doc);
    this.created.fire(doc);
    return doc;
  }

  /** Replaces [start, end) with `text` as an editor would (incremental change, next version). */
  edit(doc: TextDocument, start: number, end: number, text: string): TextDocument {
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    TextDocument.update(doc, [{ range, text }], doc.version + 1);
    this.changed.fire(doc);
    return doc;
  }

  remove(doc: TextDocument): void {
    this.docs.delete(doc.uri);
    this.deleted.fire(URI.parse(doc.uri));
  }

  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    return [...this.docs.values()];
  }

  hasMarkdownDocument(resource: URI): boolean {
    return this.docs.has(resource.toString());
  }

  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    return this.docs.get(resource.toString());
  }

  async stat(resource: URI): Promise<FileStat | undefined> {
    if (this.docs.has(resource.toString())) return { isDirectory: false };
    if (resource.toString() === MD_FOLDER.toString()) return { isDirectory: true };
    return undefined;
  }

  async readDirectory(resource: URI): Promise<Iterable<readonly [string, FileStat]>> {
    if (resource.toString() !== MD_FOLDER.toString()) return [];
    return [...this.docs.keys()].map((uri) => [uri.slice(uri.lastIndexOf('/') + 1), { isDirectory: false }] as const);
  }
}

export interface MdHarness {
  service: IMdLanguageService;
  workspace: MemoryMdWorkspace;
  /** How many times markdown-it actually ran (cache misses). */
  tokenizeCount(): number;
}

/** Creates the service; the ESM-only package is loaded on first use. */
export async function createMdHarness(): Promise<MdHarness> {
  const md = await import('vscode-markdown-languageservice');
  const MarkdownIt = (await import('markdown-it')).default;
  const engine = new MarkdownIt({ html: true });
  let runs = 0;
  // One token list per document version, as VS Code's engine keeps.
  const cache = new Map<string, { version: number; tokens: Token[] }>();
  const parser: IMdParser = {
    slugifier: md.githubSlugifier,
    async tokenize(document: ITextDocument): Promise<Token[]> {
      const hit = cache.get(document.uri);
      if (hit && hit.version === document.version) return hit.tokens;
      runs++;
      const tokens = engine.parse(document.getText(), {}) as unknown as Token[];
      cache.set(document.uri, { version: document.version, tokens });
      return tokens;
    },
  };
  const logger: ILogger = { level: 0 /* LogLevel.Off */, log: () => undefined };
  const workspace = new MemoryMdWorkspace();
  const service = md.createLanguageService({ workspace, parser, logger });
  return { service, workspace, tokenizeCount: () => runs };
}

/** Link diagnostics only (the ones comparable with Pacta's broken-reference reports). */
export const MD_LINK_DIAGNOSTICS = {
  validateReferences: 'error',
  validateFragmentLinks: 'error',
  validateFileLinks: 'error',
  validateMarkdownFileLinkFragments: 'error',
  validateUnusedLinkDefinitions: 'ignore',
  validateDuplicateLinkDefinitions: 'ignore',
  ignoreLinks: [],
} as unknown as DiagnosticOptions; // the package's enums are string enums: their values, spelled out

export const NO_CANCEL = CancellationToken.None;
