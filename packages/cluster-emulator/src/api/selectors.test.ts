import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { StatusError } from './StatusError';

const labels = { app: 'web', tier: 'gold', idx: '7' };

describe('label selectors', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web, db)', true],
    ['app in (db)', false],
    ['app notin (db)', true],
    ['missing notin (db)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app=web,tier=gold', true],
    ['app=web,tier=silver', false],
    ['idx>5', true],
    ['idx<5', false],
    ['app=', false],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app in (web', 'a b c', 'app=(x)', 'bad key!=x', 'idx>five'])(
    'rejects %s with 400',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow(StatusError);
      expect(() => parseLabelSelector(selector)).toThrow(
        expect.objectContaining({ code: 400 }),
      );
    },
  );
});

describe('field selectors', () => {
  const supported = [
    'metadata.name',
    'metadata.namespace',
    'involvedObject.uid',
  ];
  const fields: Record<string, string> = {
    'metadata.name': 'a,b',
    'metadata.namespace': 'ns',
    'involvedObject.uid': 'u',
  };

  it.each([
    ['metadata.name=a\\,b', true],
    ['metadata.name!=a\\,b', false],
    ['metadata.namespace==ns,involvedObject.uid=u', true],
    ['metadata.namespace=other', false],
  ])('%s matches: %s', (selector, expected) => {
    expect(
      matchesFields(
        parseFieldSelector(selector, supported),
        f => fields[f] ?? '',
      ),
    ).toBe(expected);
  });

  it('rejects fields the type does not index', () => {
    expect(() => parseFieldSelector('spec.x=1', supported)).toThrow(
      'field label not supported: spec.x',
    );
  });
});
