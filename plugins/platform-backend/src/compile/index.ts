export {
  createCompileRouter,
  type CompileRouterOptions,
} from './createCompileRouter';
