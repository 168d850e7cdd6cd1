import { Button as AriaButton, type ButtonProps } from 'react-aria-components';

interface Props extends Omit<ButtonProps, 'className'> {
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
}

/** React Aria's button (press, keyboard and focus handled alike everywhere), in our styles. */
export function Button({ variant = 'secondary', ...props }: Props) {
  return <AriaButton {...props} className={`button button-${variant}`} />;
}
