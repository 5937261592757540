export * from './types';
export * from './resourceRefs';
export * from './indexObjects';
export * from './buildResourceTree';
