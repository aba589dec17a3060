import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe } from '../api/auth.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useReady } from '../api/system.js';
import { NavIcon } from '../components/NavIcon.js';

/** Only paths inside this app: never an absolute or protocol-relative URL. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) {
    return '/';
  }
  return next;
}

function loginError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong user name or password';
    if (error.status === 429) {
      return error.message || 'Too many failed sign-ins; wait 15 minutes and try again';
    }
    if (error.status === 400) return 'Enter your user name and password';
  }
  return errorMessage(error);
}

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const ready = useReady();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') return;
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={400}>
        <Stack gap="lg">
          <Stack gap={6} align="center">
            <ThemeIcon size={52} radius="md" variant="filled" aria-hidden="true">
              <NavIcon name="machines" size={30} />
            </ThemeIcon>
            <Title order={1} fz={28} fw={800}>
              Shopfloor
            </Title>
            <Text c="dimmed" fw={600} ta="center" data-testid="sign-in-plant" mih={24}>
              {ready.data?.ready.plant.name ?? ''}
            </Text>
          </Stack>
          <Box component="form" onSubmit={submit} noValidate>
            <Stack gap="md">
              {login.isError && (
                <Alert color="red" data-testid="sign-in-error" role="alert">
                  {loginError(login.error)}
                </Alert>
              )}
              <TextInput
                label="User name"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                size="md"
                required
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                data-testid="sign-in-username"
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                size="md"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                data-testid="sign-in-password"
              />
              <Button
                type="submit"
                size="md"
                fullWidth
                loading={login.isPending}
                disabled={username.trim() === '' || password === ''}
                data-testid="sign-in-submit"
              >
                Sign in
              </Button>
            </Stack>
          </Box>
          <Text size="xs" c="dimmed" ta="center">
            Accounts are created by an administrator.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
