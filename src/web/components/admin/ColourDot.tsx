import { ColorSwatch } from '@mantine/core';

/** An environment's colour (grey when it has none). */
export function ColourDot({ colour, size = 16 }: { colour: string | null; size?: number }) {
  return (
    <ColorSwatch
      color={colour ?? 'var(--mantine-color-gray-4)'}
      size={size}
      withShadow={false}
      aria-hidden="true"
    />
  );
}
