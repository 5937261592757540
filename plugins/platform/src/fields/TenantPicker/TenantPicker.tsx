import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect } from 'react';
import type { TenantPickerProps } from './schema';
import { TenantOption, useTenantOptions } from './useTenantOptions';

const DEFAULT_GROUP_TYPE = 'team';

/**
 * Scaffolder field: the team (tenant Group) a platform resource is for,
 * chosen among the Groups the signed-in user belongs to. A single membership
 * is preselected. Stores the Group's name (or entity ref with
 * `ui:options.valueFormat: entityRef`).
 *
 * @public
 */
export function TenantPicker(props: TenantPickerProps) {
  const {
    onChange,
    formData,
    schema,
    uiSchema,
    required,
    rawErrors,
    idSchema,
    disabled,
    readonly,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const groupType = options.groupType ?? DEFAULT_GROUP_TYPE;
  const format = options.valueFormat ?? 'name';
  const valueOf = (option: TenantOption) =>
    format === 'entityRef' ? option.entityRef : option.name;
  const { value: tenants, loading, error } = useTenantOptions(groupType);

  useEffect(() => {
    if (!formData && tenants?.length === 1) {
      onChange(format === 'entityRef' ? tenants[0].entityRef : tenants[0].name);
    }
  }, [tenants, formData, onChange, format]);

  const label = schema.title ?? 'Team';
  const id = idSchema?.$id ?? 'platform-tenant-picker';

  if (loading) {
    return (
      <div>
        <TextField
          id={id}
          label={label}
          value=""
          disabled
          fullWidth
          margin="normal"
          helperText="Loading your teams…"
        />
        <LinearProgress aria-label="Loading your teams" />
      </div>
    );
  }
  if (error) {
    return (
      <Alert severity="error" sx={{ my: 2 }}>
        Could not load your teams: {error.message}
      </Alert>
    );
  }
  if (!tenants || tenants.length === 0) {
    return (
      <Alert severity="warning" sx={{ my: 2 }}>
        You are not a member of any team
        {groupType === '*' ? '' : ` (Group of type "${groupType}")`}, so you
        cannot request platform resources. Ask a team to add you in the catalog.
      </Alert>
    );
  }
  const hasError = (rawErrors?.length ?? 0) > 0;
  const known = tenants.some(t => valueOf(t) === formData);
  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      label={label}
      required={required}
      disabled={disabled || readonly}
      value={known ? formData : ''}
      onChange={event => onChange(event.target.value || undefined)}
      error={hasError}
      helperText={
        hasError
          ? rawErrors?.join(' ')
          : schema.description ?? 'The team that will own the resource'
      }
    >
      {tenants.map(option => (
        <MenuItem key={option.entityRef} value={valueOf(option)}>
          {option.title}
          {option.title !== option.name ? ` (${option.name})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}
