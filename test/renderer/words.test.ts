/**
 * One vocabulary: the stepper's steps say what the badges say for the same stages (main words
 * a job's state, shared/words.ts; the window words its steps, src-renderer/words.ts).
 */
import { describe, expect, it } from 'vitest';
import { STAGE_WORDS } from '../../src-main/shared/words';
import { STEPS } from '../../src-renderer/stages';
import { rate, STEP_WORDS } from '../../src-renderer/words';
import { progressWords } from '../../src-renderer/components/inbox/ProgressBar';
import { progress } from './fixtures';

describe('the window’s words', () => {
  it('names each running or waiting stage the same on the badge and the stepper', () => {
    for (const step of ['queued', 'scanning', 'converting', 'checking', 'pushing'] as const)
      expect(STEP_WORDS[step], step).toBe(STAGE_WORDS[step]);
    expect(STEPS).toContain('scanning');
  });

  it('never says "0 rows/s", and says when a step cannot report a percentage', () => {
    expect(rate(progress({ unit: 'rows', ratePerSec: 0.4, stage: 'checking' }))).toBe('');
    expect(rate(progress({ unit: 'rows', ratePerSec: 120, stage: 'checking' }))).toBe('');
    expect(
      progressWords(
        progress({
          stage: 'checking',
          unit: 'rows',
          done: 1,
          total: 3,
          ratePerSec: 0.5,
          etaSec: null,
        }),
      ),
    ).toBe('Checking · 33%');
    expect(
      progressWords(progress({ stage: 'converting', done: 0, ratePerSec: 0, etaSec: null })),
    ).toBe('Converting · this step cannot report a percentage');
    expect(progressWords(progress({ stage: 'scanning' }))).toMatch(/^Reading · 45%/);
  });
});
