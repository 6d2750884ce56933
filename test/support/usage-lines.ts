/**
 * Usage log lines for tests of tasks charged in price books: by default a veo3 task of
 * 2027-01-15 charged its list price, 63 credits, each line with a task id of its own.
 * @returns a maker of lines: the fields given replace or add to the default ones
 */
export function bookTaskLines(): (fields: Record<string, unknown>) => string {
  let tasks = 0;
  return (fields) =>
    JSON.stringify({
      taskId: `t${++tasks}`,
      submittedAt: '2027-01-15T12:00:00Z',
      request: { model: 'veo3' },
      status: 1,
      creditsUsed: 63,
      ...fields,
    });
}
