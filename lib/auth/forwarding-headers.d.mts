export function trustedProxies(setting: string | undefined): Set<string>;
export function normalizeAddress(address: string): string;
export function useOwnForwardingHeaders(
  request: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> },
  trusted: Set<string>,
): void;
