import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestApiProvider } from '@backstage/test-utils';
import { render, screen } from '@testing-library/react';
import { ScopeNotice } from './ScopeNotice';

// usePermission caches its answer for the test file: one permission answer
// per file (the allowed case is covered in ScoreboardPage.test.tsx).
describe('ScopeNotice', () => {
  it('tells a user who is not a platform admin that the figures cover their teams', async () => {
    const permission = mockApis.permission({ authorize: AuthorizeResult.DENY });
    renderInTestApp(<ScopeNotice />, { apis: [permission] });
    expect(
      await screen.findByText(/The figures cover the teams you belong to/),
    ).toBeInTheDocument();
  });

  it('says nothing in an app without a permission API', () => {
    const { container } = render(
      <TestApiProvider apis={[]}>
        <ScopeNotice />
      </TestApiProvider>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
