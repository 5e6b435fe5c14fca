/**
 * An error's message in a language, as the API answers it and the scripts print it: `errors.<code>` with the
 * error's params. A `reason` that names a catalog entry (reasons.*) is translated too, with the error's params
 * (UNAUTHORIZED's reasons are whole sentences naming the role: a key that is not valid says so, not that a role is
 * needed). Other reasons pass as they are. A `status` (an import job's) is named by its catalog entry (statuses.*),
 * and a list param (the media types a route takes) is joined with the language's own "or" (Intl.ListFormat): no
 * English joining word is built into a param in code. A `context` param picks a variant of the code's message
 * (i18next context: `errors.INVALID_PARAMETER_not-utf8`), for a failure its usual words would not describe.
 */
import type { Translator, UiLang } from './i18n';

/**
 * The param whose number a code's message counts (seconds, characters, bytes, units…): passed to i18next as
 * `count`, which picks the plural form (`errors.<CODE>_one`, `_other`; Arabic's `_zero`, `_one`, `_two`, `_few`,
 * `_many`, `_other`: «ثانية واحدة», «ثانيتين», «5 ثوانٍ», «11 ثانيةً», «100 ثانية»).
 */
const COUNTED: Readonly<Record<string, string>> = {
  QUERY_TOO_LONG: 'length',
  TEXT_TOO_LONG: 'length',
  BATCH_TOO_LARGE: 'max',
  BATCH_TEXT_TOO_LONG: 'max',
  TOO_MANY_CORRECTIONS: 'max',
  FILE_TOO_LARGE: 'max',
  HEADERS_TOO_LARGE: 'max',
  TMX_NO_ARABIC: 'units',
  IMPORT_STAGING_LOST: 'written',
  IMPORT_COMMIT_INCOMPLETE: 'written',
  BATCH_BUDGET_EXCEEDED: 'budgetMs',
  STORE_UNAVAILABLE: 'retryAfter',
  STORE_OUT_OF_MEMORY: 'retryAfter',
  RATE_LIMITED: 'retryAfter',
  IDEMPOTENCY_IN_PROGRESS: 'retryAfter',
};
/**
 * The param a reason's noun counts, where the reason is one (RATE_LIMITED's "reads", with its `limit`;
 * INVALID_DELIMITER's "delimiter-too-long", with its `max`: its other reasons have one form, which i18next falls
 * back to).
 */
const REASON_COUNTED: Readonly<Record<string, string>> = {
  RATE_LIMITED: 'limit',
  TOO_MANY_CORRECTIONS: 'max',
  INVALID_DELIMITER: 'max',
};

/** `{ count }` from the param named, when it holds a number (none otherwise: the message's plain form). */
const countOf = (params: Record<string, unknown>, name: string | undefined) =>
  name !== undefined && typeof params[name] === 'number' ? { count: params[name] } : {};

const lists = new Map<UiLang, Intl.ListFormat>();

/** `items` as the language writes alternatives: "a, b, or c", "a أو b أو c", "a、b或c". */
export function orList(items: readonly string[], lang: UiLang): string {
  let format = lists.get(lang);
  if (!format) lists.set(lang, (format = new Intl.ListFormat(lang, { type: 'disjunction' })));
  return format.format(items);
}

export function errorMessage(
  translator: Translator,
  error: { code: string; params: Readonly<Record<string, unknown>> },
  lang: UiLang,
  /** Values the message may name that the error does not carry (`retryAfter`); the error's own params win. */
  defaults: Record<string, unknown> = {},
): string {
  const params: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(error.params))
    params[key] = Array.isArray(value) ? orList(value.map(String), lang) : value;
  if (typeof params.status === 'string')
    params.status = translator.t(`statuses.${params.status}`, lang, { defaultValue: params.status });
  const reason =
    typeof params.reason === 'string'
      ? translator.t(`reasons.${params.reason}`, lang, {
          ...params,
          ...countOf(params, REASON_COUNTED[error.code]),
          defaultValue: params.reason,
        })
      : undefined;
  return translator.t(`errors.${error.code}`, lang, {
    ...params,
    ...countOf(params, COUNTED[error.code]),
    ...(reason ? { reason } : {}),
  });
}
