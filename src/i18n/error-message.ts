/**
 * An error's message in a language, as the API answers it and the scripts print it: `errors.<code>` with the
 * error's params. A `reason` that names a catalog entry (reasons.*) is translated too, with the error's params
 * (UNAUTHORIZED's reasons are whole sentences naming the role: a key that is not valid says so, not that a role is
 * needed). Other reasons pass as they are.
 */
import type { Translator, UiLang } from './i18n';

export function errorMessage(
  translator: Translator,
  error: { code: string; params: Readonly<Record<string, unknown>> },
  lang: UiLang,
  /** Values the message may name that the error does not carry (`retryAfter`); the error's own params win. */
  defaults: Record<string, unknown> = {},
): string {
  const reason =
    typeof error.params.reason === 'string'
      ? translator.t(`reasons.${error.params.reason}`, lang, { ...error.params, defaultValue: error.params.reason })
      : undefined;
  return translator.t(`errors.${error.code}`, lang, { ...defaults, ...error.params, ...(reason ? { reason } : {}) });
}
