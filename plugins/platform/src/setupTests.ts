import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Test apps load extensions lazily; on a busy machine that takes more than
// the default second.
configure({ asyncUtilTimeout: 5000 });
