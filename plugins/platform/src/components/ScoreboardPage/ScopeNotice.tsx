import { useApiHolder } from '@backstage/core-plugin-api';
import {
  permissionApiRef,
  usePermission,
} from '@backstage/plugin-permission-react';
import { platformAdminPermission } from '@fractal/backstage-plugin-platform-common';
import Alert from '@mui/material/Alert';

function AdminCheck() {
  const { allowed, loading } = usePermission({
    permission: platformAdminPermission,
  });
  if (loading || allowed) {
    return null;
  }
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      The figures cover the teams you belong to. Members of the platform team
      (permission <code>platform.admin</code>) see every team.
    </Alert>
  );
}

/**
 * Tells a user who is not a platform admin that the scoreboard is limited to
 * their teams (the backend scopes every answer). Nothing without a
 * permission API.
 */
export function ScopeNotice() {
  const permissionApi = useApiHolder().get(permissionApiRef);
  return permissionApi ? <AdminCheck /> : null;
}
