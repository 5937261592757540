import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';

/*
 * The few icons the plugin needs, drawn here to avoid an icon-set dependency.
 */

/** Circular arrow: refresh. */
export const RefreshIcon = (props: SvgIconProps) => (
  <SvgIcon fontSize="small" {...props}>
    <path d="M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.73 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z" />
  </SvgIcon>
);

/** Nested squares: the platform. Used for the nav item. */
export const PlatformIcon = (props: SvgIconProps) => (
  <SvgIcon {...props}>
    <path d="M3 3h8v18H3zM13 3h8v8h-8zM13 13h3v8h-3zM18 13h3v4h-3zM18 19h3v2h-3z" />
  </SvgIcon>
);

/** Arrow up (trend). */
export const ArrowUpIcon = (props: SvgIconProps) => (
  <SvgIcon fontSize="inherit" {...props}>
    <path d="M4 12l1.41 1.41L11 7.83V20h2V7.83l5.58 5.59L20 12l-8-8-8 8z" />
  </SvgIcon>
);

/** Arrow down (trend). */
export const ArrowDownIcon = (props: SvgIconProps) => (
  <SvgIcon fontSize="inherit" {...props}>
    <path d="M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z" />
  </SvgIcon>
);

/** Close (dialogs). */
export const CloseIcon = (props: SvgIconProps) => (
  <SvgIcon fontSize="small" {...props}>
    <path d="M19 6.41L17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" />
  </SvgIcon>
);
