import { Alert, List } from '@mantine/core';
import { ApiError } from '../../api/client.js';
import { describeError, otherFieldErrors } from './errors.js';

/**
 * The server's answer to a failed call, shown above or below a form. Field problems that the form
 * shows beside its inputs are listed in `shownFields` and left out here.
 */
export function ErrorNotice({
  error,
  title = 'Not saved',
  shownFields = [],
  testId = 'error-notice',
}: {
  error: unknown;
  title?: string;
  shownFields?: readonly string[];
  testId?: string;
}) {
  if (!error) return null;
  const others = otherFieldErrors(error, shownFields);
  const allInline = error instanceof ApiError && error.fields !== undefined && others.length === 0;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId}>
      {allInline ? 'Correct the fields marked in red.' : describeError(error)}
      {others.length > 0 && (
        <List size="sm" mt={4}>
          {others.map(([field, problem]) => (
            <List.Item key={field}>
              {field} {problem}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
