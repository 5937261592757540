/**
 * Fractal's mark: a square split into ever smaller squares, the platform
 * "controller controlling controllers".
 */
export const FractalMark = ({ size = 28 }: { size?: number }) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 32 32"
    role="img"
    aria-hidden="true"
    focusable="false"
  >
    <rect x="0" y="0" width="16" height="32" rx="2" fill="#7df3e1" />
    <rect x="18" y="0" width="14" height="14" rx="2" fill="#7df3e1" />
    <rect x="18" y="16" width="6" height="16" rx="1.5" fill="#7df3e1" />
    <rect x="26" y="16" width="6" height="7" rx="1.5" fill="#7df3e1" />
    <rect x="26" y="25" width="3" height="7" rx="1" fill="#7df3e1" />
    <rect x="30" y="25" width="2" height="3" rx="0.5" fill="#7df3e1" />
  </svg>
);
