import { runExample, stepRunner } from '../__testUtils__/runExample';
import {
  startTestEmulator,
  type TestEmulator,
} from '../__testUtils__/testEmulator';
import { createTestServices } from '../__testUtils__/testServices';
import { createApplyAction } from './applyAction';
import { examples as applyExamples } from './applyAction.examples';
import { createCompileAction } from './compileAction';
import { examples as compileExamples } from './compileAction.examples';
import { createWaitAction } from './waitAction';
import { examples as waitExamples } from './waitAction.examples';

const EXPECTED_LAST_OUTPUT: Record<string, object> = {
  compile: { manifest: expect.any(Object), yaml: expect.any(String) },
  apply: { created: true, dryRun: false },
  wait: { state: 'Ready' },
};

describe('the action examples run as written', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({ operator: { delays: { default: 300 } } });
  }, 120_000);
  afterAll(() => env?.stop());

  const cases = [
    ...compileExamples.map(e => ['compile', e.description, e.example]),
    ...applyExamples.map(e => ['apply', e.description, e.example]),
    ...waitExamples.map(e => ['wait', e.description, e.example]),
  ];

  it.each(cases)(
    'platform:resource:%s: %s',
    async (_action, _description, example) => {
      const { services, kinds } = createTestServices({
        clusters: env.clusters,
      });
      const outputs = await runExample(example, {
        'platform:resource:compile': stepRunner(createCompileAction(services)),
        'platform:resource:apply': stepRunner(createApplyAction(services)),
        'platform:resource:wait': stepRunner(
          createWaitAction({ ...services, kinds }),
        ),
      });
      const lastStep = [...outputs.keys()].pop()!;
      expect(outputs.get(lastStep)).toMatchObject(
        EXPECTED_LAST_OUTPUT[lastStep],
      );
    },
    30_000,
  );
});
