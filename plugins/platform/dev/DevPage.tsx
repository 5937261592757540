import { Content } from '@backstage/core-components';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ReactNode, useState } from 'react';
import { entities } from '../src/__testUtils__/entities';
import { PlatformResourcesCard } from '../src/components/PlatformResourcesCard';
import { ProvisioningCard } from '../src/components/ProvisioningCard';
import { ResourceStatusCard } from '../src/components/ResourceStatusCard';
import { ManifestPreview, TenantPicker } from '../src/fields';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Grid item xs={12}>
      <Typography variant="h5" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Grid>
  );
}

/** What the scaffolder's form would pass to a field; enough for the demo. */
function fieldProps<T>(
  props: Partial<FieldExtensionComponentProps<T, {}>>,
): FieldExtensionComponentProps<T, {}> {
  return {
    schema: {},
    uiSchema: {},
    idSchema: { $id: 'dev' },
    name: 'dev',
    onChange: () => {},
    onBlur: () => {},
    onFocus: () => {},
    disabled: false,
    readonly: false,
    rawErrors: [],
    ...props,
  } as FieldExtensionComponentProps<T, {}>;
}

function FieldsDemo() {
  const [form, setForm] = useState<JsonObject>({
    tenant: 'payments',
    name: 'orders-db',
    environment: 'production',
    parameters: { version: '15' },
  });
  const set = (key: string, value: string | undefined) =>
    setForm(current => ({ ...current, [key]: value ?? null }));
  const tenant = typeof form.tenant === 'string' ? form.tenant : undefined;
  return (
    <Paper sx={{ p: 2 }}>
      <TenantPicker
        {...fieldProps<string>({
          formData: tenant,
          onChange: value => set('tenant', value),
          schema: { title: 'Team' },
          required: true,
        })}
      />
      <TextField
        label="Name"
        value={typeof form.name === 'string' ? form.name : ''}
        onChange={e => set('name', e.target.value)}
        fullWidth
        margin="normal"
      />
      <TextField
        select
        label="Environment"
        value={form.environment}
        onChange={e => set('environment', e.target.value)}
        fullWidth
        margin="normal"
      >
        <MenuItem value="development">development</MenuItem>
        <MenuItem value="production">production</MenuItem>
      </TextField>
      <ManifestPreview
        {...fieldProps<string | undefined>({
          formContext: { formData: form },
          uiSchema: { 'ui:options': { kind: 'PostgreSQLInstance' } },
          schema: { title: 'Manifest preview' },
        })}
      />
    </Paper>
  );
}

/** The plugin's entity cards and scaffolder fields on demo data. */
export function DevPage() {
  return (
    <Content>
      <Grid container spacing={3}>
        <Section title="Component orders-service">
          <EntityProvider entity={entities.component}>
            <PlatformResourcesCard />
          </EntityProvider>
        </Section>
        <Section title="Group payments">
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <EntityProvider entity={entities.group}>
                <ProvisioningCard />
              </EntityProvider>
            </Grid>
            <Grid item xs={12} md={7}>
              <EntityProvider entity={entities.group}>
                <PlatformResourcesCard />
              </EntityProvider>
            </Grid>
          </Grid>
        </Section>
        <Section title="Resource orders-db (generated)">
          <EntityProvider entity={entities.resource}>
            <ResourceStatusCard />
          </EntityProvider>
        </Section>
        <Section title="Scaffolder fields">
          <FieldsDemo />
        </Section>
      </Grid>
    </Content>
  );
}
