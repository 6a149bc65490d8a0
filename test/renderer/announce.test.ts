// @vitest-environment jsdom
/**
 * What the polite live region says: a file's stage when it starts reading, converting,
 * checking or sending, once per change, never the whole inbox at the first look; and in the
 * window's language (the state is main's word, already in it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { stageChanges, useAnnounce } from '../../src-renderer/stores/announce';
import { setLanguage } from '../../src-renderer/i18n/i18n';
import { job } from './fixtures';

afterEach(() => setLanguage('en'));

describe('the announcements', () => {
  it('says each stage change once, and nothing of the inbox as first seen', () => {
    const seen = new Map<string, string>();
    const lab = (stage: 'queued' | 'scanning' | 'converting' | 'blocked', state: string) =>
      job({ id: 'lab', name: 'lab.csv', stage, state });
    expect(stageChanges(seen, [lab('queued', 'Waiting'), job()], true)).toEqual([]);
    expect(stageChanges(seen, [lab('scanning', 'Reading'), job()], false)).toEqual([
      'lab.csv: Reading',
    ]);
    // The same state again (a progress update) says nothing.
    expect(stageChanges(seen, [lab('scanning', 'Reading')], false)).toEqual([]);
    expect(stageChanges(seen, [lab('converting', 'Converting')], false)).toEqual([
      'lab.csv: Converting',
    ]);
    // The end is said by main's job.finished sentence, not here.
    expect(stageChanges(seen, [lab('blocked', 'Problems to fix')], false)).toEqual([]);
  });

  it('speaks French in French, and each announcement is a new one', async () => {
    await setLanguage('fr');
    const seen = new Map<string, string>([['lab', 'En attente']]);
    const said = stageChanges(
      seen,
      [job({ id: 'lab', name: 'lab.csv', stage: 'checking', state: 'Vérification' })],
      false,
    );
    expect(said).toEqual(['lab.csv\u00a0: Vérification']);
    const before = useAnnounce.getState().seq;
    useAnnounce.getState().say(said[0]!);
    useAnnounce.getState().say(said[0]!);
    expect(useAnnounce.getState()).toMatchObject({ text: said[0], seq: before + 2 });
  });
});
