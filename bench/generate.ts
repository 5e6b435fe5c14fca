/** The benchmark data generator lives in scripts/lib (the load, chaos and fuzz scripts use it too). */
export * from '../scripts/lib/generate';
