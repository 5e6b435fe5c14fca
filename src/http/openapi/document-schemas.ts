/**
 * JSON Schemas of aligned documents (schemas.ts has the rest): a document, its rows, a listing, an import answer and
 * a correction.
 */
import { bodyTm, langs, ref, texts } from './build';
import { REVIEW_REASONS } from '../../types';

const documentFields = {
  id: { type: 'string' },
  tm: { type: 'string' },
  title: { type: 'string' },
  titles: texts(langs),
  source: { type: 'string' },
  date: { type: 'string' },
  url: { type: 'string' },
  order: { type: 'number' },
  rev: { type: 'integer', minimum: 0 },
  created: { type: 'string', format: 'date-time' },
  updated: { type: 'string', format: 'date-time' },
};

export const DOCUMENT_SCHEMAS: Record<string, object> = {
  DocumentSummary: {
    type: 'object',
    required: ['id', 'tm', 'title', 'titles', 'source', 'date', 'order', 'segments', 'rev', 'created', 'updated'],
    properties: {
      ...documentFields,
      segments: { type: 'integer', minimum: 0, description: 'rows in the document' },
    },
  },
  DocumentRow: {
    type: 'object',
    required: ['position', 'paragraph', 'unitId', 'ar', 'en', 'zh', 'confidence', 'review'],
    properties: {
      position: { type: 'integer', minimum: 0, description: 'the row’s number, from 0 (as the corrections’ row)' },
      paragraph: { type: 'integer', minimum: 0 },
      unitId: { type: 'string' },
      ...texts([]).properties,
      confidence: { type: 'number', minimum: 0, maximum: 1 },
      review: {
        type: 'boolean',
        description: 'the aligner asks a person to check this row (none has marked it reviewed)',
      },
      reviewed: {
        type: 'string',
        format: 'date-time',
        description: 'when a person marked the row reviewed (PATCH …/review), while its texts are still as marked',
      },
      reasons: {
        type: 'array',
        description: [
          'why the aligner flagged the row: confidence (its boundaries are doubtful), missing (a language the',
          'document has is empty here), counts (more sentences in one language than another without strong',
          'evidence), weak-split (cut at a bare «و» or "and"), split-numbers (cut out of a longer segment, and its',
          'languages disagree on numbers), neighbour (next to a missing row, or two rows from it), shifted (a clause',
          "at the edge of the row's Chinese translates the neighbouring row's English)",
        ].join(' '),
        items: { type: 'string', enum: [...REVIEW_REASONS] },
      },
      split: ref('RowSplit'),
    },
  },
  RowSplit: {
    type: 'object',
    description: [
      "present when the aligner cut this row out of one language's longer segment where the two other languages",
      'end their sentences (e.g. Arabic that ran two sentences together with «،»): that language and the marks it',
      'was cut at («،» «؛» «:» «و» «ف», ";" ":" "," "and", "，" "；" "：", closing quotes; "." for a full stop the',
      'segmenter had kept inside a sentence)',
    ].join(' '),
    required: ['lang', 'marks'],
    properties: {
      lang: ref('Lang'),
      marks: { type: 'array', items: { type: 'string' } },
    },
  },
  Document: {
    type: 'object',
    required: [
      'id',
      'tm',
      'title',
      'titles',
      'source',
      'date',
      'order',
      'rev',
      'created',
      'updated',
      'languages',
      'segmentCount',
      'segments',
    ],
    properties: {
      ...documentFields,
      languages: { type: 'array', items: ref('Lang') },
      segmentCount: { type: 'integer', minimum: 0 },
      segments: { type: 'array', items: ref('DocumentRow') },
      unitsWritten: { type: 'integer', minimum: 0, description: 'on import: units the import wrote' },
    },
  },
  DocumentList: {
    type: 'object',
    required: ['documents', 'cursor'],
    properties: {
      documents: { type: 'array', items: ref('DocumentSummary') },
      cursor: { type: ['string', 'null'], description: 'pass as ?cursor= for the next page; null on the last page' },
    },
  },
  DocumentImport: {
    type: 'object',
    required: ['ar'],
    properties: {
      title: { type: 'string' },
      ar: { type: 'string', description: 'plain text, blank lines between paragraphs' },
      en: { type: 'string' },
      zh: { type: 'string' },
      tm: bodyTm,
      meta: {
        type: 'object',
        description: 'anything but an object is 400 INVALID_PARAMETER (param meta)',
        properties: { source: { type: 'string' }, date: { type: 'string' }, url: { type: 'string' } },
      },
    },
  },
  Correction: {
    type: 'object',
    required: ['op', 'row'],
    properties: {
      op: { type: 'string', enum: ['merge', 'split', 'move'] },
      row: { type: 'integer', minimum: 0 },
      ar: { type: 'integer', minimum: 0 },
      en: { type: 'integer', minimum: 0 },
      zh: { type: 'integer', minimum: 0 },
      lang: ref('Lang'),
      to: { type: 'string', enum: ['prev', 'next'] },
    },
  },
};
