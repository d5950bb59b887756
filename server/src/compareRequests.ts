// Wiring for comparing provisions: custom requests the client's "Compare Provision With…" and
// "Find Similar Provisions" commands (and any other client) send. No treaty logic here.
import type { Position } from 'vscode-languageserver-protocol';
import { provisionLabel, provisionPath } from './model';
import {
  comparableAt,
  comparison,
  provisionChoices,
  similarResults,
  type ComparisonResult,
  type ProvisionChoice,
  type ProvisionTextResult,
  type SimilarResult,
} from './features/compareProvisions';
import { fileName } from './features/parallelVersions';
import { provisionBody } from './model/compare';
import { documentLanguage } from './model/parallel';
import type { RequestContext } from './parallelRequests';
import { SimilarityIndex } from './workspace/similarityIndex';

export const COMPARE_REQUESTS = {
  /** {} → DocumentChoice[]: every treaty text the workspace knows. */
  documents: 'pacta/documents',
  /** {uri} → {uri, title, choices: ProvisionChoice[]} | null */
  provisions: 'pacta/provisions',
  /** {textDocument, position} → {uri, eId, label, path} | null: the provision at the cursor. */
  provisionAt: 'pacta/provisionAt',
  /** {uri, eId} → ProvisionTextResult | null */
  provisionText: 'pacta/provisionText',
  /** {left: {uri, eId}, right: {uri, eId}} → ComparisonResult | null */
  compare: 'pacta/compare',
  /** {textDocument, position, limit?} → {query, results: SimilarResult[]} | null */
  similar: 'pacta/similar',
} as const;

export interface ProvisionRef {
  uri: string;
  eId: string;
}

export interface DocumentChoice {
  uri: string;
  /** The file name. */
  name: string;
  title?: string;
  language?: string;
  source: 'open' | 'workspace' | 'library';
}

interface AtParams {
  textDocument: { uri: string };
  position: Position;
  limit?: number;
}

export function registerCompareProvisions(ctx: RequestContext): { index: SimilarityIndex } {
  const { connection, workspace, guard } = ctx;
  const index = new SimilarityIndex(workspace, () => workspace.openDocuments().map((d) => d.uri));

  const find = async (ref: ProvisionRef) => {
    const parsed = await workspace.load(ref.uri);
    const p = parsed?.doc.byId.get(ref.eId);
    return parsed && p ? { parsed, p } : undefined;
  };

  connection.onRequest(
    COMPARE_REQUESTS.documents,
    guard('documents', async (): Promise<DocumentChoice[]> => {
      const docs = await index.documents();
      return docs.map((d) => ({
        uri: d.uri,
        name: fileName(d.uri),
        title: d.doc.title,
        language: documentLanguage(d.doc),
        source: d.source,
      }));
    }),
  );

  connection.onRequest(
    COMPARE_REQUESTS.provisions,
    guard('provisions', async ({ uri }: { uri: string }): Promise<{ uri: string; title?: string; choices: ProvisionChoice[] } | null> => {
      const parsed = await workspace.load(uri);
      return parsed ? { uri: parsed.uri, title: parsed.doc.title, choices: provisionChoices(parsed.doc) } : null;
    }),
  );

  connection.onRequest(
    COMPARE_REQUESTS.provisionAt,
    guard('provisionAt', async ({ textDocument, position }: AtParams) => {
      const parsed = await workspace.load(textDocument.uri);
      const p = parsed && comparableAt(parsed.doc, position);
      return parsed && p ? { uri: parsed.uri, eId: p.eId, label: provisionLabel(p), path: provisionPath(parsed.doc, p) } : null;
    }),
  );

  connection.onRequest(
    COMPARE_REQUESTS.provisionText,
    guard('provisionText', async (ref: ProvisionRef): Promise<ProvisionTextResult | null> => {
      const found = await find(ref);
      if (!found) return null;
      const { parsed, p } = found;
      return { eId: p.eId, label: provisionLabel(p), path: provisionPath(parsed.doc, p), title: parsed.doc.title, text: provisionBody(parsed.doc, p) };
    }),
  );

  connection.onRequest(
    COMPARE_REQUESTS.compare,
    guard('compare', async ({ left, right }: { left: ProvisionRef; right: ProvisionRef }): Promise<ComparisonResult | null> => {
      const a = await find(left);
      const b = await find(right);
      return a && b ? comparison(a.parsed.doc, a.p, b.parsed.doc, b.p) : null;
    }),
  );

  connection.onRequest(
    COMPARE_REQUESTS.similar,
    guard('similar', async ({ textDocument, position, limit }: AtParams) => {
      const parsed = await workspace.load(textDocument.uri);
      const p = parsed && comparableAt(parsed.doc, position);
      if (!parsed || !p) return null;
      const hits = await index.similar(parsed.doc, parsed.uri, p, limit ?? 20);
      return {
        query: { uri: parsed.uri, eId: p.eId, label: provisionLabel(p), path: provisionPath(parsed.doc, p) },
        results: similarResults(hits) satisfies SimilarResult[],
      };
    }),
  );

  return { index };
}
