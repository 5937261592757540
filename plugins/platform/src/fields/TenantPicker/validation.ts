import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** A team must be chosen: the resource's namespace and owner come from it. */
export const validateTenant: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (!value || !value.trim()) {
    validation.addError('Choose the team that will own the resource');
  }
};
