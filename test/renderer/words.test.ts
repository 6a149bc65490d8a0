// @vitest-environment jsdom
/**
 * One vocabulary: the stepper's steps say what the badges say for the same stages, in each
 * language (main words a job's state, shared/i18n/main.*.ts; the window words its steps,
 * src-renderer/i18n/*.ts); rates, times and percentages follow the language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mainEn } from '../../src-main/shared/i18n/main.en';
import { mainFr } from '../../src-main/shared/i18n/main.fr';
import { STEPS } from '../../src-renderer/stages';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';
import { bytes, eta, rate } from '../../src-renderer/i18n/format';
import { setLanguage } from '../../src-renderer/i18n/i18n';
import { progressWords } from '../../src-renderer/components/inbox/ProgressBar';
import { progress } from './fixtures';

afterEach(() => setLanguage('en'));

describe('the window’s words', () => {
  it('names each running or waiting stage the same on the badge and the stepper', () => {
    for (const [window, main] of [
      [en, mainEn],
      [fr, mainFr],
    ] as const)
      for (const step of ['queued', 'scanning', 'converting', 'checking', 'pushing'] as const)
        expect(window.steps[step], step).toBe(main.stage[step]);
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

  it('writes sizes, rates, times and percentages as French does', async () => {
    await setLanguage('fr');
    expect(bytes(1536 * 1024)).toBe('1,5\u00a0Mo');
    expect(bytes(512)).toBe('512\u00a0o');
    expect(eta(90)).toBe('environ 2 min restantes');
    expect(
      progressWords(
        progress({
          stage: 'checking',
          unit: 'rows',
          done: 1,
          total: 3,
          ratePerSec: 0,
          etaSec: null,
        }),
      ),
    ).toBe('Vérification · 33\u00a0%');
    expect(document.documentElement.lang).toBe('fr-CA');
    await setLanguage('en');
    expect(bytes(1536 * 1024)).toBe('1.5 MB');
    expect(document.documentElement.lang).toBe('en-US');
  });
});
