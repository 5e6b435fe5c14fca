import type { Config } from '../config';
import type { TextSpill } from '../match';

/** Where the configuration puts a TM index's texts past the memory it allows (TranslationMemory's `indexTexts`). */
export const indexTexts = (config: Pick<Config, 'indexTextsDir' | 'indexTextsMemoryMb'>): TextSpill => ({
  dir: config.indexTextsDir,
  memoryBytes: config.indexTextsMemoryMb * 2 ** 20,
});
