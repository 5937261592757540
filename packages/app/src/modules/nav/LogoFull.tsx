import { FractalMark } from './FractalMark';

export const LogoFull = () => (
  <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}>
    <FractalMark size={30} />
    <span
      style={{
        color: '#ffffff',
        fontSize: 22,
        fontWeight: 700,
        letterSpacing: 0.5,
      }}
    >
      Fractal
    </span>
  </span>
);
