import { useApi } from '@backstage/core-plugin-api';
import type { CompiledManifest } from '@fractal/backstage-plugin-platform-common';
import { useEffect, useState } from 'react';
import { CompileRequest, platformApiRef } from '../../apis';

/** State of a debounced compile preview. */
export interface CompilePreviewState {
  /** True from the first change until the debounced compile answers. */
  pending: boolean;
  value?: CompiledManifest;
  error?: Error;
}

/**
 * Compiles `request` with `POST /compile`, `debounceMs` after it last
 * changed (by value). Answers to superseded requests are dropped.
 */
export function useCompilePreview(
  request: CompileRequest | undefined,
  debounceMs: number,
): CompilePreviewState {
  const api = useApi(platformApiRef);
  const key = request ? JSON.stringify(request) : undefined;
  const [state, setState] = useState<CompilePreviewState>({ pending: false });

  useEffect(() => {
    if (!key) {
      setState({ pending: false });
      return undefined;
    }
    let current = true;
    setState(previous => ({ ...previous, pending: true }));
    const timer = setTimeout(() => {
      api.compile(JSON.parse(key) as CompileRequest).then(
        value => current && setState({ pending: false, value }),
        error => current && setState({ pending: false, error }),
      );
    }, debounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key, debounceMs]);

  return state;
}
