import { FractalMark } from './FractalMark';

export const LogoIcon = () => <FractalMark size={28} />;
