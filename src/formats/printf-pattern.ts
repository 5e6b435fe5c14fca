/**
 * printf's own placeholders (`%s`, `%1$d`, `%-5.2f`, `%@`, Python's `%(name)s`), as the sprintf post-processor and
 * gettext write them; `%%` is a literal percent sign. Shared by XLIFF's placeholders (xliff-printf.ts) and the
 * i18next route's placeables (i18next-syntax.ts `withPrintf`), so that both see the same ones.
 */
export const C_PRINTF = /%(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcs@]/;
export const PYTHON_NAMED = /%\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]/;

/**
 * One printf placeholder not preceded by an odd run of `%` (the `%s` of `%%s` is the text "%s" after a literal
 * percent sign): usable inside an alternation without consuming `%%`.
 */
export const PRINTF_PLACEHOLDER = new RegExp(`(?<=(?:^|[^%])(?:%%)*)(?:${C_PRINTF.source}|${PYTHON_NAMED.source})`);
