/**
 * Survey questions for synthetic data: a question, its label and its answer scale belong
 * together, so survey rows are drawn as whole profiles.
 */
import type { Rng } from './random';

interface Question {
  question: string;
  label: string;
  /** [response, responseLabel] pairs. */
  answers: [string, string][];
}

const PHQ_SCALE: [string, string][] = [
  ['0', 'Not at all'],
  ['1', 'Several days'],
  ['2', 'More than half the days'],
  ['3', 'Nearly every day'],
];

const SUBSTANCE: Question[] = [
  {
    question: 'smoke1',
    label: 'Do you currently smoke cigarettes?',
    answers: [
      ['0', 'No'],
      ['1', 'Yes'],
      ['9', 'Refused'],
    ],
  },
  {
    question: 'drinksday',
    label: 'How many drinks on a typical day when drinking?',
    answers: [
      ['0', 'None'],
      ['1', '1 or 2'],
      ['2', '3 or 4'],
      ['3', '5 or 6'],
      ['4', '7 or more'],
    ],
  },
  {
    question: 'alcfreq',
    label: 'How often do you have a drink containing alcohol?',
    answers: [
      ['0', 'Never'],
      ['1', 'Monthly or less'],
      ['2', '2-4 times a month'],
      ['3', '2-3 times a week'],
      ['4', '4 or more times a week'],
    ],
  },
  {
    question: 'cocaine',
    label: 'Cocaine or crack use, past 3 months',
    answers: [
      ['0', 'Never'],
      ['1', 'Once or twice'],
      ['2', 'Monthly'],
      ['3', 'Weekly'],
      ['4', 'Daily or almost daily'],
    ],
  },
  {
    question: 'meth',
    label: 'Methamphetamine use, past 3 months',
    answers: [
      ['0', 'Never'],
      ['1', 'Once or twice'],
      ['2', 'Monthly'],
      ['3', 'Weekly'],
      ['4', 'Daily or almost daily'],
    ],
  },
];

const MENTAL: { instrument: string; questions: Question[] }[] = [
  {
    instrument: 'PHQ-9',
    questions: [
      {
        question: 'phq9_1',
        label: 'Little interest or pleasure in doing things',
        answers: PHQ_SCALE,
      },
      { question: 'phq9_2', label: 'Feeling down, depressed, or hopeless', answers: PHQ_SCALE },
      {
        question: 'phq9_9',
        label: 'Thoughts that you would be better off dead',
        answers: PHQ_SCALE,
      },
    ],
  },
  {
    instrument: 'GAD-7',
    questions: [
      { question: 'gad7_1', label: 'Feeling nervous, anxious, or on edge', answers: PHQ_SCALE },
      {
        question: 'gad7_2',
        label: 'Not being able to stop or control worrying',
        answers: PHQ_SCALE,
      },
    ],
  },
  {
    instrument: 'PHQ-2',
    questions: [
      {
        question: 'phq2_1',
        label: 'Little interest or pleasure in doing things',
        answers: PHQ_SCALE,
      },
    ],
  },
];

const ADMINISTRATION = [
  'Self-administered',
  'Interviewer-administered',
  'Computer-assisted (ACASI)',
];

/** One substance-use survey row's related values. */
export function substanceRow(rng: Rng): Record<string, string> {
  const q = rng.pick(SUBSTANCE);
  const [response, responseLabel] = rng.pick(q.answers);
  return { question: q.question, questionLabel: q.label, response, responseLabel };
}

/** One mental-health survey row's related values. */
export function mentalHealthRow(rng: Rng): Record<string, string> {
  const inst = rng.pick(MENTAL);
  const q = rng.pick(inst.questions);
  const [response, responseLabel] = rng.pick(q.answers);
  return {
    question: q.question,
    questionLabel: q.label,
    response,
    responseLabel,
    instrument: inst.instrument,
    administration: rng.pick(ADMINISTRATION, [6, 3, 1]),
  };
}
