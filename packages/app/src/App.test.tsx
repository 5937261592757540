import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the Fractal shell with its sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Fractal' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as unknown as string,
    };

    render(App.createRoot());

    expect(
      await screen.findByText('Fractal', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
