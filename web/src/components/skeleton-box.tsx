/**
 * A box of the real layout holding one grey bar, so the layout keeps its shape while it loads. `bar`
 * names the bar's size (`skeleton-<bar>` in the stylesheet).
 */
export function SkeletonBox({
  as: Box = 'div',
  className,
  bar,
}: {
  as?: 'div' | 'p' | 'span' | 'li';
  className: string;
  bar: string;
}) {
  return (
    <Box className={className}>
      <span className={`skeleton skeleton-${bar}`} />
    </Box>
  );
}
