import { AppError } from '../errors';

type Check = (
  password: string,
  userInputs: string[],
) => Promise<{ score: number; warning: string | null; suggestions: string[] }>;

let checker: Promise<Check> | undefined;

// Loaded on first use: the dictionaries take a few hundred milliseconds, which no cold start should pay.
async function load(): Promise<Check> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return async (password, userInputs) => {
    const result = await zxcvbn.check(password, userInputs);
    return {
      score: result.score,
      warning: result.feedback.warning,
      suggestions: result.feedback.suggestions,
    };
  };
}

/**
 * Refuses a password that is common or easy to guess (zxcvbn's score under 3 of 4: fewer than about
 * 10^10 guesses), or built from the person's own email or name, saying what is wrong with it.
 */
export async function requireStrongPassword(
  password: string,
  field: string,
  about: { email?: string; name?: string } = {},
): Promise<void> {
  const inputs = [about.email, about.email?.split('@')[0], about.name, 'salesready'].filter(
    (v): v is string => Boolean(v),
  );
  // zxcvbn's time grows with length; a long password is never weak on length alone.
  checker ??= load();
  const check = await checker;
  const { score, warning, suggestions } = await check(password.slice(0, 100), inputs);
  if (score >= 3) return;
  const why = warning ? ` ${warning}` : '';
  const hint = suggestions[0] ?? 'Add more words that are less common.';
  const message = `this password is too easy to guess.${why} ${hint}`;
  throw new AppError('bad_request', `${field}: ${message}`, [{ path: field, message }]);
}
