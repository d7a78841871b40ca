export type { ModelDocumentInput } from './document-input';
export { DOCUMENT_SECTIONS, fmt, pct, renderModelDocument, type DocumentSection } from './model-document';
