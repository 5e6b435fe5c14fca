/**
 * The scripts print an error as `<CODE>: <message>`, the message worded as the API's English answer: the error's
 * params interpolated, and a `reason` that names a catalog entry (reasons.*) translated, not shown as its key.
 */
import { DEFAULT_CONFIG } from '../../src/config';
import { ErrorCode, MizanError, StoreUnavailableError } from '../../src/errors';
import { errorAnswer } from '../../src/http/errors';
import { createTranslator } from '../../src/i18n';
import { describeError } from '../../scripts/lib/tm';

const apiMessage = async (error: MizanError) =>
  errorAnswer(error, 'en', await createTranslator(), DEFAULT_CONFIG.retryAfterSeconds).body.error.message;

describe('a script’s error line', () => {
  it('translates a reason the error carries, as the API’s English message does', async () => {
    const error = new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-an-object' });
    expect(await describeError(error)).toBe(
      'INVALID_BODY: The request body cannot be read: a JSON object is expected.',
    );
  });

  it('reads as the API’s English message for errors with and without reasons', async () => {
    const errors = [
      new MizanError(ErrorCode.INVALID_BODY, { reason: 'too-deep' }),
      new MizanError(ErrorCode.INVALID_BODY, { reason: 'reserved-key' }),
      new MizanError(ErrorCode.UNAUTHORIZED, { reason: 'key-missing', role: 'write' }),
      new MizanError(ErrorCode.INVALID_BODY, { reason: 'a reason outside the catalog' }),
      new MizanError(ErrorCode.MIN_OUT_OF_RANGE, { param: 'min', min: 30, max: 100, value: '10' }),
      new StoreUnavailableError(new Error('connect ECONNREFUSED')),
    ];
    for (const error of errors) expect(await describeError(error)).toBe(`${error.code}: ${await apiMessage(error)}`);
  });

  it('prints any other error’s own message', async () => {
    expect(await describeError(new Error('ENOENT: no such file'))).toBe('ENOENT: no such file');
  });
});
