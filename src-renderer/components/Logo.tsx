/** Courier's mark: a parcel with a check, drawn inline so it needs no asset request. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className="logo"
    >
      <rect x="2" y="2" width="28" height="28" rx="7" className="logo-tile" />
      <path d="M8 12.5 16 8l8 4.5v8L16 25l-8-4.5z" className="logo-box" />
      <path d="M8 12.5 16 17l8-4.5M16 17v8" className="logo-fold" />
      <path d="m12.5 15.8 2.4 2.4 4.6-4.8" className="logo-check" />
    </svg>
  );
}
