/**
 * How an HTTP answer's body is read by the systems under test: JSON when it
 * parses, the text otherwise, `undefined` when empty. Internal (not
 * re-exported): the fetch adapter and the Node adapter share it.
 *
 * @packageDocumentation
 */

/** The body as JSON, or the text when it is not JSON; `undefined` when empty. */
export const parseBody = (text: string): unknown => {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
