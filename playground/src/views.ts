/**
 * The read-only views of the playground: the credential's counters, the last
 * login answer, the timeline (the columns and cells `explain` prints) and the
 * `analyze` figures. Each writes plain text into the page (never HTML).
 */
import {
  analysisFigures,
  type CredentialKind,
  type ExplainRow,
  type ExplainSession,
  formatDuration,
  type PolicyAnalysis,
  sessionExplanation,
  timelineCells,
  timelineColumns,
} from 'credential-lifecycle';

/** A new element with text. */
export const element = <T extends keyof HTMLElementTagNameMap>(
  tag: T,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[T] => {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className !== undefined) el.className = className;
  return el;
};

/** The credential now: state, counters, lockedUntil, version and reason, as a definition list. */
export const renderCredential = (host: HTMLElement, session: ExplainSession): void => {
  const { lifecycle, at } = session.state;
  const { context } = lifecycle;
  const rows: [string, string][] = [
    ['state', lifecycle.state],
    ['failedLoginCount', String(context.failedLoginCount)],
    ['successfulLoginCount', String(context.successfulLoginCount)],
    ['resetCount', String(context.resetCount)],
    [
      'lockedUntil',
      context.lockedUntil === null
        ? '-'
        : `${formatDuration(context.lockedUntil)}${context.lockedUntil > at ? ` (in ${formatDuration(context.lockedUntil - at)})` : ''}`,
    ],
    ['version', String(context.version)],
    ['stateChangeReason', context.stateChangeReason],
  ];
  host.replaceChildren(
    ...rows.flatMap(([name, value]) => {
      const dt = element('dt', name);
      const dd = element('dd', value);
      dd.dataset.field = name;
      return [dt, dd];
    }),
  );
};

const isLogin = (row: ExplainRow): boolean => row.step === 'login' || row.step === 'fail';

/** The answer to the last login step: its status code and description, or the refusal. */
export const renderLastLogin = (host: HTMLElement, session: ExplainSession): void => {
  const row = session.rows.findLast(isLogin);
  if (row === undefined) {
    host.textContent = 'No login yet.';
    host.dataset.answer = '';
  } else if (row.statusCode !== undefined) {
    host.textContent = `${row.step} at ${formatDuration(row.at)}: status code ${row.statusCode}, ${row.description ?? ''}`;
    host.dataset.answer = String(row.statusCode);
  } else if (row.refusal !== undefined) {
    host.textContent = `${row.step} at ${formatDuration(row.at)}: refused, ${row.refusal.status} ${row.refusal.code}`;
    host.dataset.answer = row.refusal.code;
  }
};

/** The timeline: `timelineColumns` and `timelineCells` of the session's explanation. */
export const renderTimeline = <K extends CredentialKind>(
  table: HTMLTableElement,
  session: ExplainSession<K>,
): void => {
  const head = element('thead');
  const header = element('tr');
  for (const column of timelineColumns) {
    const th = element('th', column);
    th.scope = 'col';
    header.append(th);
  }
  head.append(header);
  const body = element('tbody');
  for (const cells of timelineCells(sessionExplanation(session))) {
    const tr = element('tr');
    for (const cell of cells) tr.append(element('td', cell));
    body.append(tr);
  }
  table.replaceChildren(head, body);
};

/** The `analyze` figures: name, value and the schedule that achieves a guess figure. */
export const renderAnalysis = (table: HTMLTableElement, analysis: PolicyAnalysis): void => {
  const head = element('thead');
  const header = element('tr');
  for (const column of ['figure', 'value', 'schedule']) {
    const th = element('th', column);
    th.scope = 'col';
    header.append(th);
  }
  head.append(header);
  const body = element('tbody');
  for (const figure of analysisFigures(analysis)) {
    const tr = element('tr');
    const name = element('th', figure.name);
    name.scope = 'row';
    const value = element('td', figure.value);
    value.dataset.figure = figure.name;
    tr.append(name, value, element('td', figure.schedule ?? ''));
    body.append(tr);
  }
  table.replaceChildren(head, body);
};
