// Rename (F2) on a number: renumbers that provision — its heading and every reference
// that names it, in every open or workspace document — through model/renumber.
// Also the pieces the renumbering commands share: the documents taking part, the
// WorkspaceEdit, and findings in words with file and line.
import {
  LSPErrorCodes,
  ResponseError,
  type AnnotatedTextEdit,
  type ChangeAnnotation,
  type Position,
  type Range,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
  normaliseName,
  provisionAt,
  provisionLabel,
  referenceAt,
  type InstrumentCitation,
  type Provision,
  type TreatyDocument,
} from '../model';
import {
  RenumberRefusal,
  checkRenumbering,
  describeFinding,
  labelNumberSpan,
  planRenumbering,
  type CitingDocument,
  type Finding,
  type RenumberInput,
  type RenumberPlan,
  type TextChange,
} from '../model/renumber';
import { linesOf, toRange } from './convert';

/** A parsed document the renumbering may read and edit (the workspace's ParsedDocument fits). */
export interface EditableDocument {
  uri: string;
  /** The editor's version for open documents; undefined for files on disk. */
  version?: number;
  source: 'open' | 'workspace' | 'library';
  doc: TreatyDocument;
}

/** What the renumbering needs from the workspace; server.ts supplies it. */
export interface RenumberWorld {
  /** Open documents and the files of the workspace folders: every text whose references may change. */
  documents(): Promise<EditableDocument[]>;
  /** The document of a cited instrument, when there is one. */
  instrument(citation: InstrumentCitation): Promise<EditableDocument | undefined>;
  /** Parses a text the way the workspace does (same catalogue). */
  parse(text: string): TreatyDocument;
}

/** What the client can take: versioned document changes, change annotations (preview). */
export interface EditCapabilities {
  documentChanges?: boolean;
  changeAnnotations?: boolean;
}

export interface RenameTarget {
  home: EditableDocument;
  provision: Provision;
  /** The number under the cursor, in the requesting document. */
  range: Range;
  placeholder: string;
}

/** A refusal as an LSP error: the client shows its message ("Article 5 already exists…"). */
export function refusal(err: unknown): unknown {
  return err instanceof RenumberRefusal ? new ResponseError(LSPErrorCodes.RequestFailed, err.message) : err;
}

/**
 * The provision whose number is under the cursor: in a heading ("4" of "Article 4", "2" of
 * "2."), or in a reference ("4" of "Article 4(1)"; in another instrument's text too).
 * Undefined elsewhere; a RenumberRefusal with a reason on a reference that cannot be renamed.
 */
export async function findRenameTarget(world: RenumberWorld, current: EditableDocument, position: Position): Promise<RenameTarget | undefined> {
  const doc = current.doc;
  const lines = linesOf(doc);
  const offset = lines.offsetAt(position);
  for (let q: Provision | undefined = provisionAt(doc, offset); q && q.kind !== 'document'; q = q.parent) {
    const span = labelNumberSpan(doc, q);
    if (span && span.start <= offset && offset <= span.end) {
      return { home: current, provision: q, range: toRange(lines, span), placeholder: doc.text.slice(span.start, span.end) };
    }
  }
  const ref = referenceAt(doc, offset);
  if (!ref) return undefined;
  const token = ref.numbers?.find((t) => t.start <= offset && offset <= t.end);
  if (!token) {
    if (ref.numbers?.length) throw new RenumberRefusal(`put the cursor on a number of “${ref.text}” to renumber what it names`);
    const named = ref.targets.find((t) => t.provision)?.provision;
    throw new RenumberRefusal(`“${ref.text}” has no number to rename${named ? `; rename ${provisionLabel(named)} at its heading` : ''}`);
  }
  const range = toRange(lines, token);
  if (!ref.instrument) {
    if (!token.provision) throw new RenumberRefusal(`“${ref.text}” names no provision of this text, so there is nothing to renumber`);
    return { home: current, provision: token.provision, range, placeholder: token.num };
  }
  const home = await world.instrument(ref.instrument);
  if (!home) throw new RenumberRefusal(`the text of the ${ref.instrument.title} is not open or in the workspace, so Pacta cannot renumber it`);
  if (home.source === 'library') {
    throw new RenumberRefusal(`the ${ref.instrument.title} is a pacta.library text; Pacta renumbers only texts that are open or in the workspace`);
  }
  const provision = home.doc.byId.get(token.eId);
  if (!provision) throw new RenumberRefusal(`the ${ref.instrument.title} has no provision “${token.num}” here to renumber`);
  return { home, provision, range, placeholder: token.num };
}

/** textDocument/prepareRename: the number's range and text, or null where nothing can be renamed. */
export async function prepareRename(world: RenumberWorld, current: EditableDocument, position: Position): Promise<{ range: Range; placeholder: string } | null> {
  try {
    const target = await findRenameTarget(world, current, position);
    if (!target) return null;
    if (!labelNumberSpan(target.home.doc, target.provision)) {
      throw new RenumberRefusal(`${provisionLabel(target.provision)} has no number in its heading that Pacta can rewrite`);
    }
    return { range: target.range, placeholder: target.placeholder };
  } catch (err) {
    throw refusal(err);
  }
}

export interface RenumberOutcome {
  plan: RenumberPlan;
  edit: WorkspaceEdit;
  /** References whose meaning changes, each as "file:line: …". */
  warnings: string[];
  /** Every document taking part, by URI. */
  documents: Map<string, EditableDocument>;
  /** The changed texts, parsed. */
  after: Map<string, TreatyDocument>;
  /** How many references are rewritten, and in how many files. */
  references: { count: number; files: number };
}

/** textDocument/rename: the WorkspaceEdit that renumbers the provision under the cursor. */
export async function rename(
  world: RenumberWorld,
  current: EditableDocument,
  position: Position,
  newName: string,
  caps: EditCapabilities,
): Promise<RenumberOutcome | null> {
  try {
    const target = await findRenameTarget(world, current, position);
    if (!target) return null;
    const input = await renumberInput(world, target.home);
    const plan = planRenumbering(input.input, { op: 'renumber', provision: target.provision, num: newName });
    return outcome(world, plan, input.documents, caps, undefined);
  } catch (err) {
    throw refusal(err);
  }
}

/** The home document and every editable document that cites it (by title or catalogue name). */
export async function renumberInput(world: RenumberWorld, home: EditableDocument): Promise<{ input: RenumberInput; documents: Map<string, EditableDocument> }> {
  const documents = new Map<string, EditableDocument>([[home.uri, home]]);
  const citing: CitingDocument[] = [];
  const verdicts = new Map<string, boolean>();
  for (const d of await world.documents()) {
    if (d.doc === home.doc || sameUri(d.uri, home.uri) || d.source === 'library') continue;
    const keys = new Set<string>();
    for (const ref of d.doc.references) {
      if (!ref.instrument) continue;
      const key = citationKey(ref.instrument);
      if (!verdicts.has(key)) {
        const found = await world.instrument(ref.instrument);
        verdicts.set(key, !!found && (found.doc === home.doc || sameUri(found.uri, home.uri)));
      }
      if (verdicts.get(key)) keys.add(key);
    }
    if (!keys.size) continue;
    documents.set(d.uri, d);
    // Decided by the citation's name, so the same test holds for the text after the change.
    citing.push({ key: d.uri, doc: d.doc, citesHome: (ref) => !!ref.instrument && keys.has(citationKey(ref.instrument)) });
  }
  return { input: { home: { key: home.uri, doc: home.doc }, citing }, documents };
}

/** Checks a plan and turns it into the WorkspaceEdit and the warnings a person reads. */
export function outcome(
  world: RenumberWorld,
  plan: RenumberPlan,
  documents: Map<string, EditableDocument>,
  caps: EditCapabilities,
  annotate: ((change: TextChange) => ChangeAnnotation) | undefined,
): RenumberOutcome {
  const check = checkRenumbering(plan, (text) => world.parse(text));
  const warnings = check.findings.map((f) => locate(f, documents));
  let count = 0;
  let files = 0;
  for (const [, changes] of plan.changes) {
    const n = changes.filter((c) => c.role === 'reference').length;
    count += n;
    if (n) files++;
  }
  return {
    plan,
    edit: toWorkspaceEdit(plan, documents, caps, annotate),
    warnings,
    documents,
    after: check.after,
    references: { count, files },
  };
}

/** "partnership.treaty.txt:40: “Articles 3 to 7” will also cover the new Article 5". */
function locate(f: Finding, documents: Map<string, EditableDocument>): string {
  const d = documents.get(f.key);
  const line = d ? linesOf(d.doc).positionAt(f.ref.start).line + 1 : 0;
  return `${fileName(f.key)}:${line}: ${describeFinding(f)}`;
}

export function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The plan as a WorkspaceEdit: versioned document changes when the client takes them, annotated when asked. */
export function toWorkspaceEdit(
  plan: RenumberPlan,
  documents: Map<string, EditableDocument>,
  caps: EditCapabilities,
  annotate?: (change: TextChange) => ChangeAnnotation,
): WorkspaceEdit {
  const annotations: Record<string, ChangeAnnotation> = {};
  const useAnnotations = !!annotate && !!caps.changeAnnotations && !!caps.documentChanges;
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of plan.changes) {
    if (!list.length) continue;
    const d = documents.get(uri);
    if (!d) continue;
    const lines = linesOf(d.doc);
    const edits = list.map((c): TextEdit | AnnotatedTextEdit => {
      const edit: TextEdit = { range: toRange(lines, c), newText: c.newText };
      if (!useAnnotations) return edit;
      const a = annotate!(c);
      const id = a.label;
      annotations[id] = a;
      return { ...edit, annotationId: id };
    });
    if (caps.documentChanges) documentChanges.push({ textDocument: { uri: d.uri, version: d.version ?? null }, edits });
    else changes[d.uri] = edits;
  }
  if (!caps.documentChanges) return { changes };
  return useAnnotations ? { documentChanges, changeAnnotations: annotations } : { documentChanges };
}

function citationKey(c: InstrumentCitation): string {
  return `${c.id ?? ''}|${normaliseName(c.title)}|${normaliseName(c.cited)}`;
}

function sameUri(a: string, b: string): boolean {
  const n = (u: string) => {
    try {
      return decodeURIComponent(u).replace(/^file:\/\/\/([a-z]):/i, (_, d: string) => `file:///${d.toLowerCase()}:`);
    } catch {
      return u;
    }
  };
  return n(a) === n(b);
}
