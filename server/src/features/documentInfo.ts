// `pacta/documentInfo`: what the status bar item shows for a treaty text — how many
// articles it has (in the main text and in its annexes) and the language it is written in.
import { detectLanguage, walk, type Provision, type TreatyDocument } from '../model';

export const DOCUMENT_INFO_METHOD = 'pacta/documentInfo';

export interface DocumentInfoParams {
  textDocument: { uri: string };
}

export interface DocumentInfo {
  title: string | null;
  /** Articles of the main text. */
  articles: number;
  /** Articles inside annexes, protocols and other attachments (each numbered on its own). */
  annexArticles: number;
  annexes: number;
  references: number;
  /** BCP 47 code ("en", "ko") and the language's own name ("English", "한국어"). */
  language: string;
  languageName: string;
}

const ATTACHMENTS = new Set(['annex', 'protocol', 'attachment']);

export function documentInfo(doc: TreatyDocument): DocumentInfo {
  let articles = 0;
  let annexArticles = 0;
  let annexes = 0;
  for (const p of walk(doc.root)) {
    if (ATTACHMENTS.has(p.kind)) annexes++;
    if (p.kind === 'article') inAttachment(p) ? annexArticles++ : articles++;
  }
  const lang = detectLanguage(doc.text);
  return {
    title: doc.title ?? null,
    articles,
    annexArticles,
    annexes,
    references: doc.references.length,
    language: lang.code,
    languageName: lang.name,
  };
}

function inAttachment(p: Provision): boolean {
  for (let q = p.parent; q; q = q.parent) if (ATTACHMENTS.has(q.kind)) return true;
  return false;
}
