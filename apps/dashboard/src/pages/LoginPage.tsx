import { useState, type FormEvent } from 'react';
import { useLogin } from '../api/auth';

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };

  return (
    <main className="login">
      <form onSubmit={submit} aria-label="Log in">
        <h1>Trading League · Admin</h1>
        <label>
          Username
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        {login.error && (
          <p role="alert" className="error">
            {login.error.message}
          </p>
        )}
      </form>
    </main>
  );
}
