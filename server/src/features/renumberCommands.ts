// The renumbering commands (workspace/executeCommand): Insert Article, Remove Article,
// Renumber Articles / Paragraphs Sequentially. Each is one WorkspaceEdit that the server
// asks the client to apply (workspace/applyEdit), annotated with needsConfirmation so
// that VS Code shows its refactor preview first; the outcome — what was renumbered, and
// every reference whose meaning changes — comes back as the result and as a message.
import type { ChangeAnnotation, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { provisionAt, provisionLabel, type Provision } from '../model';
import { RenumberRefusal, applyChanges, mapOffset, planRenumbering, type RenumberOperation, type TextChange } from '../model/renumber';
import { linesOf } from './convert';
import { outcome, renumberInput, type EditCapabilities, type EditableDocument, type RenumberWorld } from './rename';
import { LineIndex } from '../model';

/** Server command ids; the VS Code client's palette commands call these. */
export const RENUMBER_COMMANDS = {
  insertArticle: 'pacta.server.insertArticle',
  removeArticle: 'pacta.server.removeArticle',
  renumberSequentially: 'pacta.server.renumberSequentially',
} as const;

export const RENUMBER_COMMAND_IDS: string[] = Object.values(RENUMBER_COMMANDS);

export interface RenumberCommandArgs {
  /** The document the command acts on. */
  uri: string;
  /** The cursor: which article to insert after or remove, whose paragraphs to renumber. */
  position?: Position;
  /** For renumberSequentially: articles (default) or the paragraphs of the article at `position`. */
  kind?: 'article' | 'paragraph';
}

export interface RenumberCommandResult {
  applied: boolean;
  /** One line for a person: what was done, or why not. */
  message: string;
  /** References whose meaning changes ("file:line: …"), never rewritten silently. */
  warnings: string[];
  /** Where the inserted article's heading ends, for the client to put the cursor. */
  cursor?: { uri: string; position: Position };
}

/** What the command needs from the server: the client's edit support and how to apply. */
export interface CommandHost extends EditCapabilities {
  get(uri: string): Promise<EditableDocument | undefined>;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
}

export function isRenumberCommand(command: string): boolean {
  return RENUMBER_COMMAND_IDS.includes(command);
}

export async function executeRenumberCommand(
  world: RenumberWorld,
  host: CommandHost,
  command: string,
  rawArgs: unknown[] | undefined,
): Promise<RenumberCommandResult> {
  const args = rawArgs?.[0] as RenumberCommandArgs | undefined;
  if (!args || typeof args.uri !== 'string') return refused('the command needs a document: { uri, position }');
  const home = await host.get(args.uri);
  if (!home) return refused('this document is not a treaty text Pacta has open');
  if (home.source === 'library') return refused('this is a pacta.library text; Pacta renumbers only texts that are open or in the workspace');
  const lines = linesOf(home.doc);
  const offset = args.position ? lines.offsetAt(args.position) : undefined;
  const here = offset === undefined ? undefined : provisionAt(home.doc, offset);
  const article = here ? ancestor(here, 'article') : undefined;

  let operation: RenumberOperation;
  let title: string;
  try {
    switch (command) {
      case RENUMBER_COMMANDS.insertArticle:
        if (offset === undefined) return refused('Insert Article needs the cursor position');
        operation = { op: 'insertArticle', offset };
        title = 'Insert Article';
        break;
      case RENUMBER_COMMANDS.removeArticle:
        if (!article) return refused('put the cursor inside the article to remove');
        operation = { op: 'removeArticle', article };
        title = `Remove ${provisionLabel(article)}`;
        break;
      case RENUMBER_COMMANDS.renumberSequentially:
        if (args.kind === 'paragraph') {
          if (!article) return refused('put the cursor inside the article whose paragraphs to renumber');
          operation = { op: 'sequential', kind: 'paragraph', within: article };
          title = `Renumber the paragraphs of ${provisionLabel(article)}`;
        } else {
          operation = { op: 'sequential', kind: 'article' };
          title = 'Renumber Articles Sequentially';
        }
        break;
      default:
        return refused(`unknown command ${command}`);
    }
    const input = await renumberInput(world, home);
    const plan = planRenumbering(input.input, operation);
    if (plan.inserted) title = `Insert ${plan.inserted.label}`;
    const annotate = (c: TextChange): ChangeAnnotation => ({
      label: c.kind === 'insert' ? title : c.kind === 'delete' ? title : c.role === 'heading' ? 'Renumber headings' : 'Update references',
      needsConfirmation: true,
      description: c.kind === 'number' ? undefined : title,
    });
    const result = outcome(world, plan, input.documents, host, annotate);
    const summary = summarise(plan.renumbered.map((r) => ({ p: r.provision, from: r.from, to: r.to })), result.references);
    if (!plan.inserted && !plan.removed && !plan.renumbered.length) {
      return { applied: false, message: 'Pacta: the numbering is already sequential; nothing to change', warnings: [] };
    }
    const did = plan.inserted
      ? `Inserted ${plan.inserted.label}${summary}`
      : plan.removed
        ? `Removed ${provisionLabel(plan.removed)}${summary}`
        : summary.charAt(2).toUpperCase() + summary.slice(3);

    const applied = await host.applyEdit(title, result.edit);
    let cursor: RenumberCommandResult['cursor'];
    if (plan.inserted) {
      const changes = plan.changes.get(home.uri) ?? [];
      const start = mapOffset(changes.filter((c) => c.kind !== 'insert'), plan.inserted.offset) ?? plan.inserted.offset;
      const headingEnd = start + plan.inserted.headingOffset + plan.inserted.text.trim().length;
      const newText = applyChanges(home.doc.text, changes);
      cursor = { uri: home.uri, position: new LineIndex(newText).positionAt(headingEnd) };
    }
    const warned = result.warnings.length
      ? ` ${result.warnings.length} reference${result.warnings.length > 1 ? 's' : ''} change${result.warnings.length > 1 ? '' : 's'} meaning — check ${result.warnings.length > 1 ? 'them' : 'it'}: ${result.warnings.join('; ')}`
      : '';
    const message = applied ? `${did}.${warned}` : `${title}: not applied (the edit was declined or the documents changed meanwhile)`;
    return { applied, message, warnings: result.warnings, cursor: applied ? cursor : undefined };
  } catch (err) {
    if (err instanceof RenumberRefusal) return refused(err.message);
    throw err;
  }
}

function refused(message: string): RenumberCommandResult {
  return { applied: false, message: `Pacta: ${message}`, warnings: [] };
}

function ancestor(p: Provision, kind: Provision['kind']): Provision | undefined {
  for (let q: Provision | undefined = p; q; q = q.parent) if (q.kind === kind) return q;
  return undefined;
}

/** "; renumbered Article 5 → 6 … Article 20 → 21 (16 articles); updated 23 references in 2 files". */
function summarise(list: Array<{ p: Provision; from: string; to: string }>, refs: { count: number; files: number }): string {
  const parts: string[] = [];
  if (list.length) {
    const name = (x: { p: Provision; from: string; to: string }) => `${provisionLabel(x.p)} → ${x.to}`;
    const kinds = new Set(list.map((x) => x.p.kind));
    const noun = kinds.size === 1 && kinds.has('article') ? 'articles' : kinds.size === 1 && kinds.has('paragraph') ? 'paragraphs' : 'provisions';
    parts.push(list.length <= 3 ? `renumbered ${list.map(name).join(', ')}` : `renumbered ${name(list[0])} … ${name(list[list.length - 1])} (${list.length} ${noun})`);
  }
  if (refs.count) parts.push(`updated ${refs.count} number${refs.count > 1 ? 's' : ''} in references in ${refs.files} file${refs.files > 1 ? 's' : ''}`);
  return parts.length ? `; ${parts.join('; ')}` : '';
}
