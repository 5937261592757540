import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { compileRequestFromForm } from './compileRequestFromForm';
import { describeCompileFailure } from './compileErrors';
import { ManifestLines } from './ManifestLines';
import type { ManifestPreviewProps } from './schema';
import { useCompilePreview } from './useCompilePreview';
import { yamlLines } from './yamlLines';

const DEFAULT_DEBOUNCE_MS = 500;

/**
 * Scaffolder field: the final platform resource the form compiles to, with
 * the defaults layer that set each value, refreshed as the user types. Shows
 * the compile's field errors; it never blocks submission (the actions compile
 * again and refuse invalid input).
 *
 * @public
 */
export function ManifestPreview(props: ManifestPreviewProps) {
  const { formContext, uiSchema, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const formData = (formContext as { formData?: JsonObject } | undefined)
    ?.formData;
  const { request, missing } = compileRequestFromForm(formData, options);
  const preview = useCompilePreview(
    request,
    options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
  );
  const lines = useMemo(
    () =>
      preview.value
        ? yamlLines(preview.value.yaml, preview.value.provenance)
        : [],
    [preview.value],
  );
  const failure = preview.error
    ? describeCompileFailure(preview.error)
    : undefined;

  return (
    <Box
      component="section"
      aria-label={schema.title ?? 'Manifest preview'}
      sx={{ my: 2 }}
    >
      <Typography variant="h6" component="h3">
        {schema.title ?? 'Manifest preview'}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {schema.description ??
          'The resource that will be created: your input layered over the platform’s defaults.'}
      </Typography>
      {!request && (
        <Typography variant="body2" role="status">
          Fill in the {missing.join(', ')} to preview the manifest.
        </Typography>
      )}
      {request && preview.pending && (
        <LinearProgress aria-label="Compiling the manifest" />
      )}
      {request && failure && (
        <Alert
          severity={failure.invalidInput ? 'error' : 'warning'}
          sx={{ my: 1 }}
          role="alert"
        >
          <AlertTitle>
            {failure.invalidInput
              ? 'The manifest does not compile'
              : 'The preview is unavailable; you can still submit'}
          </AlertTitle>
          {failure.fieldErrors.length > 0 ? (
            <Box
              component="ul"
              sx={{ m: 0, pl: 2 }}
              aria-label="Invalid fields"
            >
              {failure.fieldErrors.map(e => (
                <li key={`${e.path}:${e.message}`}>
                  <Box component="code">{e.path}</Box> {e.message}
                  {e.layer && e.layer !== 'user'
                    ? ` (from the ${e.layer} defaults)`
                    : ''}
                </li>
              ))}
            </Box>
          ) : (
            failure.message
          )}
        </Alert>
      )}
      {request && preview.value && !failure && (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            Cluster <strong>{preview.value.cluster}</strong>
            {preview.value.namespace && (
              <>
                , namespace <strong>{preview.value.namespace}</strong>
              </>
            )}
          </Typography>
          <ManifestLines lines={lines} />
        </>
      )}
    </Box>
  );
}
