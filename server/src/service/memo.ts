/**
 * A function of one object, computed once per object and forgotten with it
 * (a WeakMap): for what every keystroke would otherwise read again off an
 * object that does not change, such as a parsed document or an alignment.
 */
export function memoizedBy<K extends object, V extends NonNullable<unknown>>(compute: (key: K) => V): (key: K) => V {
  const answers = new WeakMap<K, V>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer;
  };
}
