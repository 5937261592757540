import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import { useId } from 'react';
import { CloseIcon } from '../icons';
import { ResourceDetailsPanel } from './ResourceDetailsPanel';

/** A dialog with the details of one platform resource. */
export function ResourceDetailsDialog(props: {
  target?: { cluster: string; uid: string; title: string };
  onClose: () => void;
}) {
  const { target, onClose } = props;
  const titleId = useId();
  return (
    <Dialog
      open={!!target}
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="lg"
      fullWidth
    >
      {target && (
        <>
          <DialogTitle id={titleId} sx={{ pr: 6 }}>
            {target.title}
            <IconButton
              aria-label="Close"
              onClick={onClose}
              sx={{ position: 'absolute', right: 8, top: 8 }}
            >
              <CloseIcon />
            </IconButton>
          </DialogTitle>
          <DialogContent dividers>
            <ResourceDetailsPanel cluster={target.cluster} uid={target.uid} />
          </DialogContent>
        </>
      )}
    </Dialog>
  );
}
